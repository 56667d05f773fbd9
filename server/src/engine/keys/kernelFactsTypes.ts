/**
 * Shape of data/kernel-facts.json, written by scripts/generate-kernel-facts.ts from the kernel's
 * own sysctl tables (Debian's linux-source-6.1 and linux-source-6.12) plus the names seen on the
 * development machine (6.18) and the known-name list. Read through ./kernelFacts.ts only.
 */

/** How the kernel parses a write (from the proc handler). */
export type ValueKind =
  /** Signed int (proc_dointvec family). */
  | 'int'
  /** Unsigned int: negative numbers refused. */
  | 'uint'
  /** Unsigned long: negative numbers refused. */
  | 'ulong'
  /** u8: 0..255 unless bounds say otherwise. */
  | 'u8'
  /** A bool parsed as an int: any int accepted, non-zero means on. */
  | 'bool'
  | 'string'
  /** A list of bits or ranges (proc_do_large_bitmap). */
  | 'bitmap'
  /** A key-specific handler whose parsing was not derived: only the handler name is known. */
  | 'custom';

/** Numbers in one unit converted to timer ticks by the handler. */
export type TimeUnit = 'jiffies' | 'ms-jiffies' | 'userhz-jiffies';

export type NetnsScope =
  /** Each network namespace has its own copy (register_net_sysctl with the namespace). */
  | 'netns'
  /** Registered for the initial network namespace only. */
  | 'init-netns'
  /** Not per namespace (register_sysctl): one value for the whole system. */
  | 'global'
  | 'unknown';

/** Facts about one key on one kernel tree (compact field names: the file is loaded at startup). */
export interface SourceFact {
  /** Value kind. */
  readonly k: ValueKind;
  /** Time unit for tick-converted numbers. */
  readonly t?: TimeUnit;
  /** Number of fields when not 1; 0 when the vector length is unknown. For a bitmap: its size in bits (0 = unknown). */
  readonly n?: number;
  /** Enforced lower bound (decimal), or "unknown" when enforced but not resolvable; absent = none beyond the kind. */
  readonly lo?: string;
  /** Enforced upper bound, same conventions. */
  readonly hi?: string;
  /** The proc handler named in the table. */
  readonly h: string;
  /** The standard handler a custom handler passes the write to, when derived. */
  readonly via?: string;
  /** File mode, octal ("644", "444", "200"), or "unknown". */
  readonly m: string;
  readonly s: NetnsScope;
  /** Loadable module that registers the key (tristate Kconfig), "builtin", or "unknown". */
  readonly mod: string;
  /** Source location in the tree, `path:line`. */
  readonly at: string;
  /** Where `n` came from when the table's maxlen could not be evaluated: the 6.18 machine's value. */
  readonly nFrom?: '6.18';
}

/** What the development machine showed for a key. */
export interface MachineFact {
  /** Mode of /proc/sys file (octal). */
  readonly m: string;
  /** Mode inside a fresh network namespace; null when the file is absent there (net.* only). */
  readonly ns?: string | null;
}

export interface KeyFactsRecord {
  /** Indexes into `shapes` per kernel tree, with the location kept apart so shapes are shared. */
  readonly src?: Readonly<Record<string, readonly [number, string]>>;
  /** The key on the 6.18 machine. */
  readonly machine?: MachineFact;
  /** In the newer tree's tables but in no table of the older tree: added in or before this release. */
  readonly since?: string;
  /** In no tree but on the 6.18 machine, and its name is in no table of this tree: added after it (or a vendor patch). */
  readonly after?: string;
  /** In the older tree but in no table of this newer tree: removed by this release. */
  readonly gone?: string;
  /** Listed in known-names.json (names only, may come from older kernels or modules). */
  readonly known?: true;
}

export interface KernelFactsFile {
  readonly $comment: string;
  readonly provenance: {
    readonly generator: string;
    readonly trees: readonly { readonly kernel: string; readonly package: string; readonly release: string }[];
    readonly machine: { readonly kernel: string; readonly file: string };
    readonly knownNames: string;
    readonly assumptions: string;
  };
  /** Source facts without location, shared between keys. */
  readonly shapes: readonly Omit<SourceFact, 'at'>[];
  readonly keys: Readonly<Record<string, KeyFactsRecord>>;
}
