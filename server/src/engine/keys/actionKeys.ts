/**
 * Keys whose write is an action, not a setting (data only): the kernel does something once and
 * keeps no value (mode 0200, they cannot even be read). In a sysctl file the action runs each
 * time the file is applied, usually once at boot. Data from the linux-source-6.1 and 6.12 sources.
 *
 * net.ipv4.route.flush and net.ipv6.route.flush are actions too, but hardening guides set them
 * after their network keys on purpose (the routing cache is flushed once the file is applied).
 */
export interface ActionKey {
  readonly name: string;
  /** What one write does, our words, as it reads after "the write". */
  readonly action: string;
  readonly source: string;
}

export const ACTION_KEYS: readonly ActionKey[] = [
  {
    name: 'vm.drop_caches',
    action: 'drops the clean page cache and/or the reclaimable dentries and inodes once',
    source: 'drop_caches_sysctl_handler (fs/drop_caches.c), mode 0200 in kernel/sysctl.c',
  },
  {
    name: 'vm.compact_memory',
    action: 'compacts all memory zones once',
    source: 'sysctl_compaction_handler (mm/compaction.c), mode 0200',
  },
];

const BY_NAME = new Map(ACTION_KEYS.map((key) => [key.name, key]));

export function findActionKey(name: string): ActionKey | undefined {
  return BY_NAME.get(name);
}
