/**
 * Types of the key database: plain data that validation rules, hover and completion read.
 *
 * Conventions used by every value in the database:
 * - Key names are the canonical dotted form procps prints (`net.netfilter.nf_conntrack_max`);
 *   a dot inside a component (VLAN interface `enp3s0.200`) is shown as `/`.
 * - Kernel releases are strings such as `"6.15"` or `"2.6.24"`; parse them with
 *   `parseKernelVersion` from `../kernelVersion` when comparing.
 * - "current" means mainline as of the 6.15–6.18 series; older behaviour is listed in `history`
 *   arrays, each entry covering kernels *before* its `before` release.
 * - A fact that docs/reference/kernel-keys.md marks as Unverified is either left out or named in the
 *   owning object's `unverified` list, so that rules can lower their severity.
 * - Texts (`summary`, `description`, notes) are our own short summaries, never kernel
 *   documentation text.
 */

/** A kernel release such as "6.15" (major.minor, optionally .patch). */
export type KernelRelease = string;

export type Subsystem = 'conntrack' | 'netfilter' | 'core' | 'tcp' | 'ipv4' | 'ipv6' | 'fs';

/**
 * Where the key lives with respect to network namespaces.
 * - `netns`: each network namespace has its own value and may write it; a new namespace starts
 *   from the compiled-in default, not from the host's value.
 * - `init-netns-only`: one global value; only the initial namespace may write it (other
 *   namespaces see it read-only, or not at all — see `scopeNote`).
 * - `global`: one value that is not per namespace; the file exists only in the initial
 *   namespace's view (network keys) or is not network related at all (fs.*).
 */
export type Scope = 'netns' | 'init-netns-only' | 'global';

/** Storage width of the value, which decides what overflows (always EINVAL beyond it). */
export type IntegerWidth = 'u8' | 'int' | 'uint' | 'long' | 'ulong';

/**
 * The kernel handler family that parses writes (docs/reference/kernel-keys.md §1):
 * - `int`: plain signed int, no range check.
 * - `int-minmax` / `uint-minmax` / `u8-minmax` / `ulong-minmax`: range checked; out of range is
 *   refused (for `ulong-minmax` only since 5.2, see the key's history).
 * - `jiffies`: seconds converted to timer ticks; magnitude limited to INT_MAX/HZ, negative and 0
 *   accepted.
 * - `ms-jiffies` / `userhz-jiffies`: milliseconds / USER_HZ ticks converted to timer ticks.
 * - `custom`: a key-specific handler (rehash, cross-checked vector, one-way switch, ...).
 */
export type ProcHandler = 'int' | 'int-minmax' | 'uint-minmax' | 'u8-minmax' | 'ulong-minmax' | 'jiffies' | 'ms-jiffies' | 'userhz-jiffies' | 'custom';

/**
 * What a write outside the enforced bounds does.
 * - `einval`: refused with EINVAL, old value kept (sysctl reports an error).
 * - `accepted`: stored as written (within the storage width).
 * - `ignored`: reported as success but silently not stored (old `ulong-minmax`, before 5.2).
 */
export type OutOfRange = 'einval' | 'accepted' | 'ignored';

/**
 * Limits whose value depends on the target system or is too large for a JS number.
 * `INT_MAX/HZ` is the jiffies limit (2147483 at HZ=1000, 8589934 at HZ=250, 21474836 at HZ=100);
 * `BITS_PER_LONG` is 64 or 32; `NR_OPEN_MAX` is INT_MAX rounded down to a multiple of
 * BITS_PER_LONG (2147483584 on 64-bit). Resolve with `resolveBound` from `./database`.
 */
export type SymbolicBound = 'INT_MIN' | 'INT_MAX' | 'UINT_MAX' | 'LONG_MIN' | 'LONG_MAX' | 'ULONG_MAX' | 'INT_MAX/HZ' | '-INT_MAX/HZ' | 'BITS_PER_LONG' | 'NR_OPEN_MAX';

/** A bound: a plain safe integer, or a symbolic limit. */
export type Bound = number | SymbolicBound;

export type ValueUnit =
  | 'entries'
  | 'buckets'
  | 'expectations'
  | 'seconds'
  | 'milliseconds'
  | 'bytes'
  | 'packets'
  | 'connections'
  | 'requests'
  | 'sockets'
  | 'probes'
  | 'files'
  | 'file-descriptors'
  | 'port'
  | 'protocol-number'
  | 'count';

/** Name of a field of a DefaultSpec / KeySpec that a reference marked as Unverified. */
export type UnverifiedField = 'since' | 'removedIn' | 'default' | 'defaultHistory' | 'bounds' | 'boundsHistory' | 'scope' | 'writableSince' | 'behaviour';

/** Bounds that applied to older kernels (each entry: kernels older than `before`). */
export interface BoundsEra {
  /**
   * First release where this era no longer applies; the next newer era (or the current bounds)
   * starts there. Absent when the reference does not say which release changed it.
   */
  readonly before?: KernelRelease;
  /** True when the release boundary itself is not verified. */
  readonly beforeUnverified?: boolean;
  readonly min?: Bound;
  readonly max?: Bound;
  readonly outOfRange: OutOfRange;
  /** A negative number is accepted and later read as a huge unsigned value. */
  readonly negativeWraps?: boolean;
  readonly note: string;
}

interface NumericRules {
  readonly width: IntegerWidth;
  readonly handler: ProcHandler;
  /** Lower bound enforced by current kernels; absent = only the storage width limits it. */
  readonly min?: Bound;
  /** Upper bound enforced by current kernels; absent = only the storage width limits it. */
  readonly max?: Bound;
  /** What a value outside [min, max] does on current kernels. */
  readonly outOfRange: OutOfRange;
  /** True when `min`/`max` depend on architecture or struct sizes; the numbers given are x86_64. */
  readonly boundsArchDependent?: boolean;
  /** Older kernels' bounds, newest first. */
  readonly history?: readonly BoundsEra[];
}

export interface IntegerValue extends NumericRules {
  readonly kind: 'integer';
  readonly unit: ValueUnit;
  /** A negative number is accepted on current kernels and read back as a huge unsigned value. */
  readonly negativeWraps?: boolean;
  /** How the kernel adjusts an accepted value (for example rounding up to a page multiple). */
  readonly adjustment?: string;
}

export interface BooleanValue {
  readonly kind: 'boolean';
  readonly width: IntegerWidth;
  readonly handler: ProcHandler;
  /**
   * What a number other than 0 and 1 does on current kernels: `einval` (refused), `accepted`
   * (stored; any non-zero acts as on), or `unknown` (not established by the reference).
   */
  readonly otherValues: 'einval' | 'accepted' | 'unknown';
  readonly history?: readonly BoundsEra[];
}

export interface EnumMember {
  readonly value: number;
  /** Short label, e.g. "auto". */
  readonly label: string;
  /** What the value does, our words. */
  readonly meaning: string;
}

export interface EnumValue extends NumericRules {
  readonly kind: 'enum';
  readonly values: readonly EnumMember[];
  /**
   * What a number inside [min, max] that is not a listed member does: `einval` (cannot happen when
   * the bounds equal the member range), or `accepted` (stored; `unlistedNote` says how it acts).
   */
  readonly unlisted: 'einval' | 'accepted';
  readonly unlistedNote?: string;
}

export interface VectorField {
  /** The field's name, or `field N` for a field known only by its place (see positional). */
  readonly name: string;
  /** Known only by its place: the kernel facts give a count, not names. */
  readonly positional?: boolean;
  readonly summary: string;
  readonly unit: ValueUnit;
  readonly width: IntegerWidth;
  readonly min?: Bound;
  readonly max?: Bound;
  readonly outOfRange: OutOfRange;
}

/** An ordering between two fields of the same vector. */
export interface VectorOrder {
  readonly lower: string;
  readonly upper: string;
  /** `einval`: the kernel refuses a write that breaks the order; `none`: not checked by the kernel. */
  readonly enforcement: 'einval' | 'none';
  readonly note: string;
}

export interface VectorValue {
  readonly kind: 'vector';
  readonly handler: ProcHandler;
  readonly fields: readonly VectorField[];
  /** Numbers are separated by blanks (tabs when the kernel prints them). */
  readonly separator: 'whitespace';
  /** Writing fewer numbers updates only the leading fields; extra trailing numbers are ignored. */
  readonly partialWrite: 'leading-fields-only';
  readonly order?: readonly VectorOrder[];
}

export interface StringValue {
  readonly kind: 'string';
  readonly handler: ProcHandler;
}

export type ValueSpec = IntegerValue | BooleanValue | EnumValue | VectorValue | StringValue;

/** A default that applied to kernels older than `before`. */
export interface DefaultEra {
  readonly before?: KernelRelease;
  readonly beforeUnverified?: boolean;
  readonly value?: string;
  readonly computed?: string;
  readonly note?: string;
}

export interface DefaultSpec {
  /** Fixed default on current kernels, written as a sysctl.conf value would be (vectors space-separated). */
  readonly value?: string;
  /** How current kernels compute the default when it is not a constant (our words). */
  readonly computed?: string;
  /** What the reference machine showed (Linux 6.18 x86_64, 24 GiB, HZ=250); see REFERENCE_MACHINE. */
  readonly observed?: string;
  /** True when the default depends on architecture or struct sizes. */
  readonly archDependent?: boolean;
  /** Older defaults, newest first. */
  readonly history?: readonly DefaultEra[];
}

/** The meaning of one particular value, for hover and for rules that flag it. */
export interface ValueNote {
  /** The value as written, e.g. "0" or "2". */
  readonly value: string;
  readonly meaning: string;
  /** `warning`: a rule should flag this value; `info`: explanation only. */
  readonly severity: 'info' | 'warning';
}

/** A relation to another key (or to a vector field of one). */
export interface KeyRelation {
  /**
   * `at-most`: this key (field) must not exceed the other; `at-least`: must not be below it;
   * `related`: advice only (tuned together).
   */
  readonly kind: 'at-most' | 'at-least' | 'related';
  readonly key: string;
  /** Field of this key's vector the relation applies to. */
  readonly field?: string;
  /** Field of the other key's vector. */
  readonly otherField?: string;
  /** `einval`: the kernel refuses a write that breaks the relation; `none`: advice only. */
  readonly enforcement: 'einval' | 'none';
  readonly since?: KernelRelease;
  readonly note: string;
}

/** What must be present for the key to exist in /proc/sys. */
export interface Requirement {
  /** Kernel module whose loading creates the key (unless built in). */
  readonly module?: string;
  /** Kconfig option that must be enabled. */
  readonly config?: string;
  /** On older kernels a different module registered the key. */
  readonly legacyModule?: {
    readonly module: string;
    readonly before: KernelRelease;
    readonly beforeUnverified?: boolean;
  };
  readonly note?: string;
}

export interface KeySpec {
  /** Canonical dotted name as procps prints it. */
  readonly name: string;
  readonly subsystem: Subsystem;
  /** One line, our words. */
  readonly summary: string;
  /** A few sentences, our words: what it controls and what a sysadmin needs to know. */
  readonly description: string;
  /** Tuning advice for hover, our words. */
  readonly advice?: string;
  readonly value: ValueSpec;
  readonly default: DefaultSpec;
  readonly scope: Scope;
  readonly scopeNote?: string;
  /** The file is mode 0444: any assignment fails. */
  readonly readOnly?: boolean;
  /** Release from which writes are possible (read-only before it). */
  readonly writableSince?: KernelRelease;
  /** First release that has the key. */
  readonly since?: KernelRelease;
  /** First mainline release without the key. */
  readonly removedIn?: KernelRelease;
  /** For a removed key whose removal release is unknown: a release known not to have it. */
  readonly absentBy?: KernelRelease;
  /** What to use instead of a removed key (a key name or advice). */
  readonly replacedBy?: string;
  /** Other names that reach the same value (see LegacyKeySpec). */
  readonly aliases?: readonly string[];
  readonly requires?: Requirement;
  readonly valueNotes?: readonly ValueNote[];
  readonly relations?: readonly KeyRelation[];
  /** Fields whose facts the reference marks as Unverified. */
  readonly unverified?: readonly UnverifiedField[];
  /** Documentation page (docs.kernel.org where one exists). */
  readonly docUrl: string;
}

/**
 * Another name for a documented key.
 * - `alias`: a second sysctl entry for the same variable, present on current kernels.
 * - `legacy`: an old name that only older kernels had; `replacedBy` is the current key.
 */
export interface LegacyKeySpec {
  readonly name: string;
  readonly kind: 'alias' | 'legacy';
  /** The documented key this name corresponds to. */
  readonly target: string;
  readonly scope?: Scope;
  /** Which kernels had the name, our words. */
  readonly existedIn: string;
  readonly since?: KernelRelease;
  readonly removedIn?: KernelRelease;
  readonly unverified?: readonly UnverifiedField[];
  readonly note: string;
}

/** The machine the `observed` facts come from. */
export const REFERENCE_MACHINE = {
  kernel: '6.18.44',
  arch: 'x86_64',
  hz: 250,
  memTotalKiB: 24684096,
} as const;
