// @ts-check
// A bare LSP client for the benchmark: spawns a server over stdio and speaks JSON-RPC with
// Content-Length framing itself, so every incoming message is time-stamped when its last byte
// arrives, before the client spends time parsing it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const HEADER_END = Buffer.from('\r\n\r\n');

export class LspDriver {
  /** @param {string[]} argv  command line: argv[0] is the executable */
  constructor(argv, { name = argv.join(' '), env = process.env } = {}) {
    this.name = name;
    this.child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.pid = this.child.pid;
    this.stderr = '';
    this.exited = undefined;
    this.nextId = 1;
    this.pending = new Map(); // id -> { resolve, reject, timer }
    this.notificationWaiters = []; // { match, resolve, reject, timer }
    this.notificationLog = []; // recent notifications { method, uri, version, arrival, bytes }
    this.chunks = [];
    this.length = 0;
    this.expected = -1; // body length of the message being read, -1 while reading headers
    this.child.stderr.on('data', (chunk) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk.toString();
    });
    this.child.stdout.on('data', (chunk) => this.onData(chunk, performance.now()));
    this.child.stdin.on('error', () => undefined); // EPIPE after the server died: reported via exit
    this.child.on('exit', (code, signal) => {
      this.exited = `exit ${code ?? signal}`;
      const error = new Error(`${this.name} exited (${this.exited}) ${this.stderr.slice(-2000)}`);
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(error);
      }
      this.pending.clear();
      for (const w of this.notificationWaiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(error);
      }
    });
  }

  onData(chunk, arrival) {
    // Chunks are kept in a list and joined once per message: a 30 MB publishDiagnostics arrives in
    // hundreds of chunks, and joining on every chunk would copy it hundreds of times.
    this.chunks.push(chunk);
    this.length += chunk.length;
    for (;;) {
      if (this.expected < 0) {
        const head = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
        this.chunks = [head];
        const end = head.indexOf(HEADER_END);
        if (end < 0) return;
        const header = head.subarray(0, end).toString('ascii');
        const match = /Content-Length:\s*(\d+)/i.exec(header);
        if (!match) throw new Error(`${this.name}: bad header ${JSON.stringify(header)}`);
        this.expected = Number(match[1]);
        const rest = head.subarray(end + HEADER_END.length);
        this.chunks = [rest];
        this.length = rest.length;
      }
      if (this.length < this.expected) return;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
      const bytes = this.expected;
      const body = all.subarray(0, bytes);
      const rest = all.subarray(bytes);
      this.chunks = [rest];
      this.length = rest.length;
      this.expected = -1;
      this.dispatch(this.decode(body), arrival, bytes);
    }
  }

  /**
   * JSON.parse, except for large publishDiagnostics written in the usual field order: those get
   * their uri and version from the head and a lazy `full()`, so a bench of 500 edits does not spend
   * minutes parsing diagnostics nobody looks at. Anything else is parsed in full.
   */
  decode(body) {
    if (body.length > 256 * 1024) {
      const head = body.subarray(0, 4096).toString('utf8');
      const m = /^\{"jsonrpc":"2\.0","method":"textDocument\/publishDiagnostics","params":\{"uri":("(?:[^"\\]|\\.)*"),"version":(\d+),"diagnostics":\[/.exec(head);
      if (m) {
        let parsed;
        const full = () => (parsed ??= JSON.parse(body.toString('utf8')));
        return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: JSON.parse(m[1]), version: Number(m[2]) }, full };
      }
    }
    return JSON.parse(body.toString('utf8'));
  }

  dispatch(message, arrival, bytes) {
    if (message.method !== undefined && message.id !== undefined) {
      this.answerServerRequest(message);
    } else if (message.method !== undefined) {
      const entry = { method: message.method, params: message.params, arrival, bytes, full: message.full ?? (() => message) };
      // The log keeps a light copy: a publishDiagnostics on a large file holds ~100k objects.
      this.notificationLog.push({ method: message.method, uri: message.params?.uri, version: message.params?.version, arrival, bytes });
      if (this.notificationLog.length > 64) this.notificationLog.shift();
      for (let i = 0; i < this.notificationWaiters.length; i++) {
        const waiter = this.notificationWaiters[i];
        if (waiter.match(entry)) {
          this.notificationWaiters.splice(i--, 1);
          clearTimeout(waiter.timer);
          waiter.resolve(entry);
        }
      }
    } else {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.error) pending.reject(Object.assign(new Error(`${this.name}: ${message.error.message}`), { code: message.error.code }));
      else pending.resolve({ result: message.result, arrival, bytes });
    }
  }

  /** Requests from the server (configuration, registrations, progress): answered at once. */
  answerServerRequest(message) {
    let result = null;
    if (message.method === 'workspace/configuration') result = (message.params?.items ?? []).map(() => null);
    else if (message.method === 'workspace/applyEdit') result = { applied: false };
    this.write({ jsonrpc: '2.0', id: message.id, result });
  }

  /** Serializes, then writes; returns the time just before the write (serializing is not timed). */
  write(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const framed = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    const sent = performance.now();
    this.child.stdin.write(framed);
    return sent;
  }

  /** Sends a request; resolves with { result, arrival, bytes, sent } (times from performance.now()). */
  request(method, params, timeoutMs = 30_000) {
    if (this.exited) return Promise.reject(new Error(`${this.name} already exited (${this.exited})`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const entry = { resolve: (r) => resolve({ ...r, sent: entry.sent }), reject, timer };
      this.pending.set(id, entry);
      entry.sent = this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a notification and returns the time it was written. */
  notify(method, params) {
    return this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification from now on that `match` accepts. */
  waitForNotification(match, timeoutMs = 30_000, what = 'notification') {
    if (this.exited) return Promise.reject(new Error(`${this.name} already exited (${this.exited})`));
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve, reject };
      waiter.timer = setTimeout(() => {
        const i = this.notificationWaiters.indexOf(waiter);
        if (i >= 0) this.notificationWaiters.splice(i, 1);
        reject(new Error(`${this.name}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.notificationWaiters.push(waiter);
    });
  }

  /**
   * The last of the notifications `match` accepts once none has come for `quietMs`, starting from
   * `first` (already received): a server may publish a file's diagnostics in more than one step.
   * Every notification is seen, including several read in one chunk.
   */
  lastNotification(match, first, quietMs, timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      let last = first;
      let quiet;
      const waiter = {
        match: (entry) => {
          if (!match(entry)) return false;
          last = entry;
          clearTimeout(quiet);
          quiet = setTimeout(done, quietMs);
          return false; // keeps listening
        },
        resolve: () => undefined,
        reject: (error) => finish(() => reject(error)),
      };
      const finish = (settle) => {
        clearTimeout(quiet);
        clearTimeout(waiter.timer);
        const i = this.notificationWaiters.indexOf(waiter);
        if (i >= 0) this.notificationWaiters.splice(i, 1);
        settle();
      };
      const done = () => finish(() => resolve(last));
      waiter.timer = setTimeout(() => finish(() => reject(new Error(`${this.name}: notifications still arriving after ${timeoutMs} ms`))), timeoutMs);
      quiet = setTimeout(done, quietMs);
      this.notificationWaiters.push(waiter);
    });
  }

  /** Resident set size of the server process in bytes (Linux), or undefined. */
  rssBytes() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /VmRSS:\s*(\d+)\s*kB/.exec(status);
      return kb ? Number(kb[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async initialize(initializationOptions, timeoutMs = 30_000) {
    const { result } = await this.request(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'sysctl-tools-bench' },
        rootUri: null,
        workspaceFolders: null,
        initializationOptions,
        capabilities: {
          workspace: { configuration: false, applyEdit: false },
          textDocument: {
            synchronization: { dynamicRegistration: false },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
          },
        },
      },
      timeoutMs,
    );
    this.capabilities = result?.capabilities ?? {};
    this.notify('initialized', {});
    return this.capabilities;
  }

  /** Polite shutdown, then SIGKILL if the process is still there. Never throws. */
  async stop(graceMs = 2000) {
    if (!this.exited) {
      try {
        await this.request('shutdown', null, graceMs);
        this.notify('exit', null);
      } catch {
        /* killed below */
      }
      const deadline = Date.now() + graceMs;
      while (!this.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    }
    this.kill();
  }

  kill() {
    if (this.exited) return;
    try {
      this.child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
}
