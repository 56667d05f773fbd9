/**
 * The language server's view of the running kernel: one snapshot per host (this machine, or an
 * SSH host), read once and kept until the user refreshes it, never per keystroke. A read runs in
 * the background; documents are checked again when it lands. Only reads: nothing here writes to
 * any host.
 */

import { statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, ParsedDocument } from '../engine';
import { effectiveConfiguration, SYSCTL_CONF, SYSTEM_DIRECTORIES } from '../engine';
import { hostFindings, runningValueHover, type RuntimeSnapshot, type SnapshotResult } from '../engine/runtime';
import { readLocalSnapshot } from '../host/localSnapshot';
import { readSshSnapshot } from '../host/sshSnapshot';
import { readSystemTree, treeRootOf, type OpenFiles } from '../host/systemTree';
import type { RuntimeSettings } from './runtimeSettings';

export { REFRESH_SNAPSHOT } from './runtimeCommands';

type Reader = (settings: RuntimeSettings) => Promise<SnapshotResult>;

const defaultReader: Reader = (settings) =>
  settings.source === 'ssh' ? readSshSnapshot({ host: settings.sshHost!, configFile: settings.sshConfigFile, timeoutMs: settings.timeoutMs }) : readLocalSnapshot();

interface Entry {
  pending: Promise<SnapshotResult>;
  result?: SnapshotResult;
}

/** Files this machine applies at boot: drift is reported for them even with the default source. */
export function isMachineFile(path: string): boolean {
  return path === SYSCTL_CONF || SYSTEM_DIRECTORIES.some((dir) => path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/'));
}

export class RuntimeSnapshots {
  private readonly entries = new Map<string, Entry>();
  /** Problems already shown, so one failing host is reported once per refresh. */
  private readonly reported = new Set<string>();

  constructor(
    /** A read landed: check the open documents again. */
    private readonly onReady: () => void,
    /** Tell the user about a problem (one line). */
    private readonly report: (message: string) => void,
    private readonly reader: Reader = defaultReader,
  ) {}

  /** The cache key, or a reason why nothing may be read with these settings. */
  private keyOf(settings: RuntimeSettings): { key: string } | { refused: string } | undefined {
    if (settings.source === 'off') return undefined;
    if (settings.source === 'local') return { key: 'local' };
    if (!settings.trusted) return { refused: 'Sysctl: reading the running kernel over SSH is disabled in untrusted workspaces (sysctl.runtime.source is "ssh").' };
    if (!settings.sshHost) return { refused: 'Sysctl: sysctl.runtime.source is "ssh" but sysctl.ssh.host is empty: set the host to read.' };
    if (!settings.hostConfirmed) {
      return {
        refused: `Sysctl: the SSH host "${settings.sshHost}" comes from this workspace's settings; run "Sysctl: Refresh the running kernel snapshot" to confirm it before it is used.`,
      };
    }
    return { key: `ssh:${settings.sshHost}\0${settings.sshConfigFile ?? ''}\0${settings.timeoutMs}` };
  }

  private tell(id: string, message: string, loud: boolean): void {
    if (!loud || this.reported.has(id)) return;
    this.reported.add(id);
    this.report(message);
  }

  /** The entry for the settings, starting a read the first time. */
  private entry(settings: RuntimeSettings): Entry | undefined {
    const key = this.keyOf(settings);
    if (!key) return undefined;
    if ('refused' in key) {
      this.tell(key.refused, key.refused, true);
      return undefined;
    }
    let entry = this.entries.get(key.key);
    if (!entry) {
      const created: Entry = { pending: this.reader(settings).catch((error: unknown) => ({ ok: false as const, error: String(error) })) };
      created.pending.then((result) => {
        if (this.entries.get(key.key) !== created) return; // refreshed meanwhile
        created.result = result;
        // The default hover-only local source stays quiet; a chosen source says why it has no values.
        if (!result.ok) this.tell(`${key.key}\0${result.error}`, `Sysctl: cannot read the running kernel: ${result.error}`, settings.explicit || settings.source === 'ssh');
        this.onReady();
      });
      this.entries.set(key.key, created);
      entry = created;
    }
    return entry;
  }

  /** The snapshot if it has been read; otherwise starts reading it and returns undefined. */
  current(settings: RuntimeSettings): RuntimeSnapshot | undefined {
    const result = this.entry(settings)?.result;
    return result?.ok ? result.value : undefined;
  }

  refresh(): void {
    this.entries.clear();
    this.reported.clear();
  }

  /** Raw runtime-drift and conntrack-table-full findings (the caller applies the document's policy) for a document, when its source calls for diagnostics and the snapshot is there. */
  findings(uri: string, parsed: ParsedDocument, settings: RuntimeSettings, open: OpenFiles): Finding[] {
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    if (settings.source === 'off' || !(settings.explicit || (settings.source === 'local' && path !== undefined && isMachineFile(path)))) return [];
    const snapshot = this.current(settings);
    if (!snapshot) return [];
    if (path === undefined || snapshot.source.kind !== 'local') return hostFindings(parsed, snapshot, {});
    let modifiedAt: number | undefined;
    try {
      modifiedAt = statSync(path).mtimeMs / 1000;
    } catch {
      // not saved yet
    }
    const root = treeRootOf(path);
    if (root !== '/') return hostFindings(parsed, snapshot, { filePath: path, modifiedAt });
    let effective;
    try {
      effective = effectiveConfiguration(readSystemTree('/', open), 'procps');
    } catch {
      effective = undefined;
    }
    return hostFindings(parsed, snapshot, { filePath: '/' + relative('/', path).split(sep).join('/'), effective, modifiedAt });
  }

  /** Hover lines for `key`; never waits (a hover must not hang on a slow host), so the first read is started at open. */
  hover(key: string, settings: RuntimeSettings): string[] {
    const snapshot = this.current(settings);
    return snapshot ? runningValueHover(key, snapshot) : [];
  }
}
