import { rationaleFor } from '../rationales';
import type { Acceptance, ProfileCheck } from '../types';

/** Helpers that keep the profile tables short: one row per check. */

export const exactly = (...values: number[]): Acceptance => ({ kind: 'set', values });
export const atLeast = (min: number): Acceptance => ({ kind: 'at-least', min });
export const between = (min: number, max: number): Acceptance => ({ kind: 'range', min, max });

/** kernel.oops_limit and kernel.warn_limit came in 6.2 and went back into the stable series (the 6.1.192 sources have both). */
export const LIMITS_BACKPORTED = 'added in 6.2 and backported to the stable kernels (Debian 12 6.1 has it)';

type Extras = Partial<Omit<ProfileCheck, 'key' | 'accepts' | 'control'>>;
export type Row = readonly [key: string, accepts: Acceptance, control: string, extras?: Extras];

/** `net.ipv4.conf.{all,default}.<leaf>`: sources set both, since new interfaces copy `default`. */
export function allAndDefault(family: 'ipv4' | 'ipv6', leaf: string, accepts: Acceptance, control: string, extras?: Extras): Row[] {
  return [`net.${family}.conf.all.${leaf}`, `net.${family}.conf.default.${leaf}`].map((key): Row => [key, accepts, control, extras]);
}

export function checks(rows: ReadonlyArray<Row | readonly Row[]>): ProfileCheck[] {
  const flat = rows.flatMap((row) => (Array.isArray(row[0]) ? (row as readonly Row[]) : [row as Row]));
  return flat.map(([key, accepts, control, extras]) => ({ key, accepts, control, rationale: rationaleFor(key), ...extras }));
}
