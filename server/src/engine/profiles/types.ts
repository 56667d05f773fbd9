/**
 * Hardening profiles as data: which value each source expects for a sysctl key, and why.
 * Facts (keys, values, control ids) come from the sources named on each profile; rationales and
 * notes are our own words.
 */

export const PROFILE_NAMES = ['cis', 'kspp', 'khc', 'lynis', 'devsec'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const ROLE_NAMES = ['router', 'container-host'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Rule id of one profile check: `<profile>/<key>`, e.g. `cis/net.ipv4.conf.all.send_redirects`. */
export type ProfileRuleId = `${ProfileName}/${string}`;

/** Architecture-dependent limits a check can refer to (see architectureLimits.ts). */
export type ArchitectureLimitName = 'mmap_rnd_bits' | 'mmap_rnd_compat_bits' | 'mmap_min_addr';

/** Values a check accepts. Numbers are compared as the kernel reads them. */
export type Acceptance =
  | { kind: 'set'; values: readonly number[] }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'at-least'; min: number }
  /** The architecture's largest accepted value, or `cap` where that is lower (see architectureLimits.ts). */
  | { kind: 'architecture-maximum'; limit: ArchitectureLimitName; cap?: number }
  /** The architecture's usual protective value (mmap_min_addr: 65536, 32768 on ARM). */
  | { kind: 'architecture-minimum'; limit: ArchitectureLimitName };

/** A concrete acceptance, after architecture conditions are resolved. */
export type ResolvedAcceptance = Extract<Acceptance, { kind: 'set' | 'range' | 'at-least' }>;

export interface ProfileCheck {
  /** Canonical dotted key name. */
  key: string;
  accepts: Acceptance;
  /** The source's control id or section, e.g. `3.3.2 (Ubuntu 24.04 v1.0.0, RHEL 9 v2.0.0)`. */
  control: string;
  /** One line, our words: what the setting protects against. */
  rationale: string;
  /** The value a fix writes when it differs from the first accepted value. */
  recommended?: number;
  /** The key exists from this kernel release; older targets are not checked. */
  since?: string;
  /**
   * Judged only when a file sets it, never reported as missing: the reason (a patch-only key,
   * one that must be set late in boot, ...).
   */
  onlyWhenSet?: string;
  /** Another key whose value satisfies the check instead (the source ORs them). */
  alternative?: { key: string; accepts: ResolvedAcceptance; why: string };
  /** A caveat of the source's own, shown with findings (our words). */
  note?: string;
}

export interface Profile {
  name: ProfileName;
  /** Short name used in messages: `CIS`, `KSPP`, ... */
  label: string;
  title: string;
  /** Where the facts come from: documents, versions, files. */
  source: string;
  url: string;
  checks: readonly ProfileCheck[];
}

export interface RoleRelaxation {
  key: string;
  /** Why a host with this job needs the key left alone. */
  why: string;
}

export interface Role {
  name: RoleName;
  title: string;
  /** Checks of these keys are dropped for hosts with this role, in every profile. */
  relaxes: readonly RoleRelaxation[];
}
