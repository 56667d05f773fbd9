export const USAGE = `Usage: sysctl-lint [options] FILE|DIR|- ...
       sysctl-lint system [--root DIR] [--flavor procps|systemd] [--print-effective] [options]
       sysctl-lint system [--root DIR] --profile NAME [--role ROLE] [--print-missing]
       sysctl-lint dump FILE...
       sysctl-lint format (--check | --write) FILE...
       sysctl-lint recommend (--mem-total SIZE --arch ARCH | --local | --host [USER@]HOST | --ansible-facts DIR)
       sysctl-lint drift (--local | --host [USER@]HOST [--ssh-config FILE] [--timeout SECONDS])
                   [FILE... | --system [--root DIR]] [options]
       sysctl-lint doctor (--local | --host [USER@]HOST [--ssh-config FILE] [--timeout SECONDS])

Check sysctl configuration files (sysctl.conf, sysctl.d/*.conf) the way procps
sysctl and systemd-sysctl read them.

Commands:
  (none)        lint the files; a directory means its *.conf files, '-' standard input
  system        lint a machine's whole configuration (sysctl.d directories and
                /etc/sysctl.conf under --root, default /) with the tools' precedence
  dump          print every setting the files apply, as 'sysctl --dry-run -p' does
  format        lay settings out as 'key = value' (values, comments, line endings
                kept; lines the tools could read differently left alone);
                --check names unformatted files and exits 1, --write rewrites them
  recommend     print nf_conntrack_max and nf_conntrack_buckets for a machine's RAM
                and architecture, with the inputs, formula and kernel default as comments
  drift         compare the files (or, with --system, the machine's whole configuration)
                with the values a running kernel has: runtime-drift and
                conntrack-table-full findings; nothing is written to the host
  doctor        the conntrack diagnosis of a running kernel: fill, drops, TCP sockets,
                the formula value and the commands that set it live and persist it;
                exit 1 when the table is full or has dropped packets

Output:
  -f, --format FORMAT   stylish, compact, json, sarif or github (default: stylish on a
                        terminal, github when GITHUB_ACTIONS=true, else compact)
  -q, --quiet           report errors only
  --max-warnings N      also fail (exit 1) when there are more than N warnings
  --color, --no-color   force or disable colours (NO_COLOR is honoured)

Settings:
  -c, --config FILE     use this .sysctl-lint.json instead of the nearest one
  --print-config FILE   print the settings that apply to FILE and exit
  --kernel VERSION      target kernel, e.g. 5.15 (default: newest documented, 6.18)
  --rule ID=SEVERITY    off, info, warning or error for one rule (repeatable)
  --stdin-filename NAME name standard input in messages and config lookup

Compliance (hardening profiles; rule ids are PROFILE/KEY, e.g. cis/net.ipv4.ip_forward):
  --profile NAME        cis, kspp, khc (kernel-hardening-checker), lynis or devsec
                        (repeatable): files are judged by the values they set, 'system'
                        by each tool's effective configuration, missing keys included
  --role ROLE           router or container-host (repeatable): drop the checks the
                        host's job contradicts (forwarding, redirects, user namespaces)
  --print-missing       system: print a sysctl.d fragment with every missing or wrong
                        setting, citing the controls, and where to save it

Fixing:
  --fix                 apply the safe quick fixes in place (atomic; mode and owner kept)
  --fix-dry-run         print those changes as a unified diff instead

System:
  --root DIR            the root of the tree to read (an image or a fixture)
  --flavor TOOL         procps or systemd only (default: both, differences reported)
  --print-effective     print the final settings, 'key = value # FILE:LINE'

Running kernel (drift, doctor): --local reads this machine's /proc; --host reads
  the host over SSH with one fixed read-only command (sysctl -a, /proc files).
  --system              drift: compare every file of the configuration (under --root)

Machine facts (recommend, and RAM-dependent rules when linting):
  --mem-total SIZE      RAM as in /proc/meminfo ('49521980 kB') or 48GiB, 512MiB, bytes
  --arch ARCH           'uname -m' of the machine (x86_64, aarch64, armv7l, ...) or 32/64
  --local               read /proc/meminfo and 'uname -m' of this machine
  --host [USER@]HOST    read them over SSH (system OpenSSH client, batch mode,
                        host keys checked as usual)
  --ssh-config FILE     ssh client config passed as 'ssh -F FILE' (an absolute path)
  --timeout SECONDS     give up on the SSH host after this long (default 15)
  --ansible-facts DIR   recommend: one block per host from 'ansible -m setup --tree DIR'

Rules:
  --list-rules          list every rule with its default severity
  --explain RULE        print the rule's documentation page

  -h, --help            show this help
  -v, --version         show the version

Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage or I/O error.
`;
