;;; eglot-test.el --- Emacs + eglot as a real LSP client of sysctl-language-server  -*- lexical-binding: t -*-
;;
;;   SYSCTL_SERVER=$PWD/server/out/server.js emacs --batch -l test/editors/emacs/eglot-test.el FILE
;;
;; Driven by test/editors/emacs.test.ts.  Not `-Q': on Debian the site-start file is what puts
;; elpa-eglot on the load-path (`--batch' already skips ~/.emacs).  Works with Emacs 28.2 and
;; eglot 1.9 (Debian 12): the managed modes are a LIST, and a transient project avoids any prompt.
;;
;; It opens FILE, lets eglot start the server, waits for diagnostics and records them twice: as the
;; server published them and as flymake holds them for the user.  It then asks for hover on
;; nf_conntrack_max (the raw response and the text eglot renders for eldoc), asks for the code
;; actions on the unknown-key line through `eglot-code-actions', applies the preferred one with
;; eglot's own workspace-edit code and saves the buffer.
;;
;; stdout: one JSON object (the last line).  Exit status: 0 every step completed, 1 a step did not
;; complete ("error" in the JSON), 2 a Lisp error ("lisp_error").
;;
;; Env: SYSCTL_SERVER (server.js, run as its own bin), SYSCTL_TIMEOUT_MS (each wait, default 10000).

(require 'cl-lib)
(require 'json)
(require 'subr-x)
(require 'eglot)
(require 'flymake)

(setq eglot-sync-connect t
      eglot-connect-timeout 30
      eglot-autoshutdown nil
      eglot-events-buffer-size 0
      make-backup-files nil
      create-lockfiles nil)

(define-derived-mode sysctl-conf-mode conf-unix-mode "sysctl"
  "Major mode for sysctl.conf files in this test.")

(defvar sysctl-test-result nil "Alist printed as JSON at the end.")
(defvar sysctl-test-published nil "Diagnostics as the server published them: (URI . VECTOR), newest first.")
(defvar sysctl-test-timeout
  (/ (string-to-number (or (getenv "SYSCTL_TIMEOUT_MS") "10000")) 1000.0))

(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (push (cons uri diagnostics) sysctl-test-published))

(defun sysctl-test-put (key value)
  (setq sysctl-test-result (append sysctl-test-result (list (cons key value)))))

(defun sysctl-test-wait (predicate)
  "Process events until PREDICATE returns non-nil or the timeout passes; return its value."
  (let ((deadline (+ (float-time) sysctl-test-timeout))
        value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    value))

(defun sysctl-test-finish (code)
  (let ((json (condition-case err
                  (json-encode sysctl-test-result)
                (error (setq code 2)
                       (json-encode (list (cons 'lisp_error (format "could not encode the results: %S" err))))))))
    (princ (concat json "\n")))
  (ignore-errors
    (let ((server (eglot-current-server)))
      (when server (eglot-shutdown server))))
  (kill-emacs code))

(defun sysctl-test-line-col (pos)
  (save-excursion
    (goto-char pos)
    (list (1- (line-number-at-pos)) (current-column))))

(defun sysctl-test-flymake-diagnostics ()
  "What flymake holds for the user: line, column, end line, end column, type, text."
  (let ((diags (sort (flymake-diagnostics (point-min) (point-max))
                     (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
    (vconcat
     (mapcar (lambda (d)
               (let ((beg (sysctl-test-line-col (flymake-diagnostic-beg d)))
                     (end (sysctl-test-line-col (flymake-diagnostic-end d))))
                 (list (cons 'line (nth 0 beg)) (cons 'col (nth 1 beg))
                       (cons 'end_line (nth 0 end)) (cons 'end_col (nth 1 end))
                       (cons 'type (symbol-name (flymake-diagnostic-type d)))
                       (cons 'text (flymake-diagnostic-text d)))))
             diags))))

(defun sysctl-test-main ()
  (let* ((server-bin (let ((v (getenv "SYSCTL_SERVER")))
                       (if (and v (not (string-empty-p v))) v (error "SYSCTL_SERVER is not set"))))
         (file (expand-file-name (or (car command-line-args-left) (error "no file given"))))
         (buf (find-file-noselect file)))
    (setq command-line-args-left nil)
    (sysctl-test-put 'emacs emacs-version)
    (sysctl-test-put 'eglot (or (ignore-errors
                                  (with-temp-buffer
                                    (insert-file-contents (locate-library "eglot.el"))
                                    (and (re-search-forward "^;; Version: \\(.*\\)$" nil t) (match-string 1))))
                                "unknown"))
    (with-current-buffer buf
      (sysctl-conf-mode)
      (eglot '(sysctl-conf-mode) (cons 'transient (file-name-directory file))
             'eglot-lsp-server (list server-bin "--stdio") "sysctl")
      (let ((server (eglot-current-server))
            (uri (eglot--path-to-uri file)))
        (unless server
          (sysctl-test-put 'error "eglot did not connect")
          (sysctl-test-finish 1))
        (sysctl-test-put 'managed (if eglot--managed-mode t :json-false))

        ;; 1. Diagnostics: as published, then as flymake shows them.
        (unless (sysctl-test-wait (lambda () (assoc uri sysctl-test-published)))
          (sysctl-test-put 'error "no diagnostics within the timeout")
          (sysctl-test-finish 1))
        (sysctl-test-put 'diagnostics (cdr (assoc uri sysctl-test-published)))
        (flymake-start)
        (sysctl-test-wait (lambda () (flymake-diagnostics (point-min) (point-max))))
        (sysctl-test-put 'flymake (sysctl-test-flymake-diagnostics))

        ;; 2. Hover inside "nf_conntrack_max" on its own line.
        (goto-char (point-min))
        (unless (re-search-forward "^net\\.netfilter\\.nf_conntrack_max *=" nil t)
          (error "no net.netfilter.nf_conntrack_max line in %s" file))
        (beginning-of-line)
        (search-forward "nf_conntrack_max")
        (backward-char 5)
        (sysctl-test-put 'hover_position (sysctl-test-line-col (point)))
        (sysctl-test-put 'hover_provider (if (eglot--server-capable :hoverProvider) t :json-false))
        (if (not (eglot--server-capable :hoverProvider))
            (sysctl-test-put 'hover '((error . "the server does not announce hoverProvider")))
          (let ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
            (sysctl-test-put 'hover hover)
            (when hover
              (sysctl-test-put 'hover_rendered (eglot--hover-info (plist-get hover :contents))))))

        ;; 3. Code actions on the unknown-key line; apply the preferred one and save.
        (goto-char (point-min))
        (re-search-forward "^net\\.netfilter\\.nf_conntrack_maxx")
        (let* ((actions (eglot-code-actions (line-beginning-position) (line-end-position)))
               (preferred (cl-find-if (lambda (a) (eq (plist-get a :isPreferred) t)) actions)))
          (sysctl-test-put 'code_actions (vconcat (mapcar (lambda (a) (plist-get a :title)) actions)))
          (unless preferred
            (sysctl-test-put 'error "no preferred code action on the unknown-key line")
            (sysctl-test-finish 1))
          (sysctl-test-put 'applied (plist-get preferred :title))
          (eglot--apply-workspace-edit (plist-get preferred :edit))
          (save-buffer)
          (sysctl-test-put 'saved file))
        (sysctl-test-finish 0)))))

(condition-case err
    (sysctl-test-main)
  (error
   (sysctl-test-put 'lisp_error (format "%S" err))
   (sysctl-test-finish 2)))

;;; eglot-test.el ends here
