import * as vscode from 'vscode';
import type { SizingFacts } from '../../../server/src/engine/sizing/fromSettings';
import { architectureFromUname } from '../../../server/src/engine/sizing/architecture';
import { formatBytes, parseSize } from '../../../server/src/engine/sizing/size';
import { readLocalFacts } from '../../../server/src/host/localFacts';
import { readSshFacts, validateHost } from '../../../server/src/host/sshFacts';
import type { CachedFacts, FactsCache } from './factsCache';
import { readSshSettings } from './sshSettings';
import type { SizingUi } from './ui';

const LAST_HOST_KEY = 'sysctl.sizing.lastSshHost';
export const CONFIRMED_HOSTS_KEY = 'sysctl.sizing.confirmedWorkspaceHosts';
const LOCAL_KEY = 'local';

type SourceItem = vscode.QuickPickItem & { source: 'typed' | 'local' | 'ssh' | 'cached'; cached?: CachedFacts };

const COMMON_ARCHITECTURES = ['x86_64', 'aarch64', 'ppc64le', 's390x', 'riscv64', 'armv7l', 'i686'];

export interface GatherContext {
  ui: SizingUi;
  cache: FactsCache;
  workspaceState: vscode.Memento;
  /** Whether the workspace is trusted; `vscode.workspace.isTrusted` unless a test says otherwise. */
  isTrusted?: () => boolean;
}

function trusted(context: GatherContext): boolean {
  return context.isTrusted ? context.isTrusted() : vscode.workspace.isTrusted;
}

function describe(facts: SizingFacts): string {
  return `${formatBytes(facts.memBytes)}, ${facts.arch}${facts.kernelRelease ? `, kernel ${facts.kernelRelease}` : ''}`;
}

/** Asks where RAM and architecture come from and reads them. Undefined when the user cancels or a read fails (already reported). */
export async function gatherFacts(context: GatherContext): Promise<SizingFacts | undefined> {
  const items: SourceItem[] = [
    ...context.cache
      .all()
      .map((cached): SourceItem => ({ label: `$(history) ${cached.label}`, description: describe(cached), detail: 'Read earlier in this session', source: 'cached', cached })),
    { label: '$(edit) Type RAM and architecture', description: 'MemTotal and uname -m of the target machine', source: 'typed' },
    {
      label: '$(vm) This machine',
      description: 'Where the extension host runs',
      detail: 'Under Remote-SSH this is the remote server you are configuring.',
      source: 'local',
    },
    {
      label: '$(remote) Remote host over SSH…',
      description: trusted(context) ? 'Reads /proc/meminfo and uname -m with your ssh client' : 'Disabled in untrusted workspaces',
      source: 'ssh',
    },
  ];
  const choice = await context.ui.pick(items, { title: 'Size nf_conntrack_max for which machine?', ignoreFocusOut: true });
  if (!choice) return undefined;
  switch (choice.source) {
    case 'cached':
      return choice.cached;
    case 'typed':
      return typedFacts(context.ui);
    case 'local':
      return localFacts(context);
    case 'ssh':
      return sshFacts(context);
  }
}

async function typedFacts(ui: SizingUi): Promise<SizingFacts | undefined> {
  const size = await ui.input({
    title: 'RAM of the target machine',
    prompt: "MemTotal from /proc/meminfo ('49521980 kB'), or 48GiB, 512MiB, plain bytes",
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseSize(text);
      return parsed.ok ? undefined : parsed.error;
    },
  });
  if (size === undefined) return undefined;
  const memBytes = parseSize(size);
  if (!memBytes.ok) {
    ui.error(`Sysctl: ${memBytes.error}`);
    return undefined;
  }
  const other = { label: 'Other…', description: 'type the output of uname -m' };
  const picked = await ui.pick([...COMMON_ARCHITECTURES.map((label) => ({ label })), other], { title: 'Architecture of the target machine (uname -m)', ignoreFocusOut: true });
  if (!picked) return undefined;
  let arch = picked.label;
  if (picked === other) {
    const typed = await ui.input({
      title: 'Architecture (uname -m)',
      ignoreFocusOut: true,
      validateInput: (text) => {
        const parsed = architectureFromUname(text);
        return parsed.ok ? undefined : parsed.error;
      },
    });
    if (typed === undefined) return undefined;
    arch = typed.trim();
  }
  const checked = architectureFromUname(arch);
  if (!checked.ok) {
    ui.error(`Sysctl: ${checked.error}`);
    return undefined;
  }
  return { memBytes: memBytes.value, arch };
}

async function localFacts(context: GatherContext): Promise<SizingFacts | undefined> {
  const cached = context.cache.get(LOCAL_KEY);
  if (cached) return cached;
  const result = await readLocalFacts();
  if (!result.ok) {
    context.ui.error(`Sysctl: ${result.error}`);
    return undefined;
  }
  const facts: CachedFacts = {
    memBytes: result.value.memBytes,
    arch: result.value.architecture.name,
    kernelRelease: result.value.kernelRelease,
    label: 'This machine',
  };
  context.cache.set(LOCAL_KEY, facts);
  return facts;
}

async function sshFacts(context: GatherContext): Promise<SizingFacts | undefined> {
  const { ui, workspaceState } = context;
  // Nothing from an untrusted workspace may lead to running ssh.
  if (!trusted(context)) {
    ui.error('Sysctl: reading a remote host over SSH is disabled in untrusted workspaces. Trust the workspace, or type RAM and architecture.');
    return undefined;
  }
  const settings = readSshSettings();
  const remembered = workspaceState.get<string>(LAST_HOST_KEY);
  const host = await ui.input({
    title: 'SSH host to read RAM and architecture from',
    prompt: '[user@]host as you would pass it to ssh; ~/.ssh/config, known_hosts and your agent apply',
    value: remembered ?? settings.host ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const checked = validateHost(text);
      return checked.ok ? undefined : checked.error;
    },
  });
  if (host === undefined) return undefined;
  const checked = validateHost(host);
  if (!checked.ok) {
    ui.error(`Sysctl: ${checked.error}`);
    return undefined;
  }
  const hostName = checked.value;
  if (settings.hostFromWorkspace && hostName === settings.host && !(await confirmWorkspaceHost(context, hostName))) return undefined;

  const cached = context.cache.get(`ssh:${hostName}`);
  if (cached) return cached;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading RAM and architecture of ${hostName} over SSH…`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return readSshFacts({ host: hostName, configFile: settings.configFile, timeoutMs: settings.timeoutMs }, abort.signal);
    },
  );
  if (!result.ok) {
    ui.error(`Sysctl: ${result.error}`);
    return undefined;
  }
  await workspaceState.update(LAST_HOST_KEY, hostName);
  const facts: CachedFacts = { memBytes: result.value.memBytes, arch: result.value.architecture.name, kernelRelease: result.value.kernelRelease, label: hostName };
  context.cache.set(`ssh:${hostName}`, facts);
  return facts;
}

/** A host named by workspace settings came with the repository: ask once before connecting to it. */
export async function confirmWorkspaceHost(context: Pick<GatherContext, 'ui' | 'workspaceState'>, host: string, purpose = 'read its RAM and architecture'): Promise<boolean> {
  const confirmed = context.workspaceState.get<string[]>(CONFIRMED_HOSTS_KEY, []);
  if (confirmed.includes(host)) return true;
  const yes = await context.ui.confirm(`This workspace's settings name the SSH host "${host}". Connect to it with your SSH credentials to ${purpose}?`, 'Connect');
  if (yes) await context.workspaceState.update(CONFIRMED_HOSTS_KEY, [...confirmed, host]);
  return yes;
}
