/**
 * Hover lines from the kernel facts (data/kernel-facts.json, read from the kernel's own sysctl
 * tables): how the kernel parses a write, the bounds it enforces, access, scope, the module that
 * registers the key and which kernels have it. For keys the database does not describe in depth.
 */

import { checkedFieldOf } from '../values/checkedFields';
import type { KernelVersion } from '../kernelVersion';
import type { KeyFacts, SourceFact } from '../keys/kernelFacts';
import { presentOnKernel } from '../keys/kernelFacts';

function typePhrase(fact: SourceFact): string {
  const fields =
    fact.n && fact.n > 1
      ? `${fact.n} numbers separated by blanks, each `
      : fact.n === 0 && fact.k !== 'string' && fact.k !== 'bitmap'
        ? 'numbers separated by blanks (count not extracted), each '
        : '';
  const time =
    fact.t === 'jiffies'
      ? ' in seconds (kept as timer ticks)'
      : fact.t === 'ms-jiffies'
        ? ' in milliseconds (kept as timer ticks)'
        : fact.t === 'userhz-jiffies'
          ? ' in 1/100 s ticks'
          : '';
  switch (fact.k) {
    case 'int':
      return `${fields}an integer (int)${time}`;
    case 'uint':
      return `${fields}an unsigned integer (uint; negative numbers refused)${time}`;
    case 'ulong':
      return `${fields}an unsigned long (negative numbers refused)${time}`;
    case 'u8':
      return `${fields}a small unsigned integer (u8)`;
    case 'bool':
      return 'a switch (any integer is accepted; non-zero means on)';
    case 'string':
      return 'text';
    case 'bitmap':
      return `a list of bit numbers and ranges such as \`1,3-5\`${fact.n ? ` (bits 0 to ${fact.n - 1})` : ''}`;
    case 'custom':
      return `parsed by its own handler \`${fact.h}\``;
  }
}

function rangePhrase(fact: SourceFact, pattern: string): string | undefined {
  if (fact.lo === undefined && fact.hi === undefined) return undefined;
  // A maximum the kernel sets at boot (kernel.shmmni's ipc_mni) is data, not in the source.
  const atBoot = checkedFieldOf(pattern);
  const hi = fact.hi === 'unknown' && atBoot && atBoot.index === undefined ? atBoot.max.toString() : fact.hi;
  const show = (bound: string | undefined) => (bound === undefined ? '…' : bound === 'unknown' ? '?' : `\`${bound}\``);
  const unresolved = fact.lo === 'unknown' || hi === 'unknown' ? ' (a `?` bound is enforced but could not be read from the source)' : '';
  const unless = hi !== fact.hi && atBoot?.unless ? `, or more when ${atBoot.unless}` : '';
  return `${show(fact.lo)} to ${show(hi)}${unless}; the kernel refuses other values${unresolved}`;
}

function accessPhrase(mode: string): string | undefined {
  if (mode === '444' || mode === '0444') return 'read-only: it reports a value, every write fails';
  if (mode === '200' || mode === '0200') return 'write-only: writing triggers an action, reading fails';
  return undefined;
}

/** Where the tables register the key (not the database's Scope, which is about who may write it). */
function registrationScopePhrase(fact: SourceFact): string | undefined {
  switch (fact.s) {
    case 'netns':
      return 'per network namespace (a container starts from the default, not the host value)';
    case 'init-netns':
      return 'only in the initial network namespace';
    case 'global':
      return 'system-wide';
    case 'unknown':
      return undefined;
  }
}

function kernelsPhrase(facts: KeyFacts, kernel: KernelVersion, kernelLabel: string): string {
  const sources = (['6.1', '6.12'] as const).filter((release) => facts.presence[release]);
  const parts = [sources.length > 0 ? `in the ${sources.join(' and ')} sources` : 'in neither the 6.1 nor the 6.12 sources'];
  parts.push(facts.presence['6.18'] ? 'on the 6.18 reference machine' : 'not on the 6.18 reference machine (its build or modules)');
  if (facts.since) parts.push(`added by ${facts.since}`);
  if (facts.after) parts.push(`added after ${facts.after}`);
  if (facts.gone) parts.push(`gone by ${facts.gone}`);
  const onTarget = presentOnKernel(facts, kernel);
  if (onTarget === false) parts.push(`**not on kernel ${kernelLabel}**`);
  return parts.join('; ');
}

/** Markdown bullets of what the kernel facts say about a key; empty when none are known. */
export function factLines(facts: KeyFacts, kernel: KernelVersion, kernelLabel: string): string[] {
  const lines: string[] = [];
  const fact = facts.fact;
  if (fact) {
    lines.push(`- **Type:** ${typePhrase(fact)}`);
    const range = rangePhrase(fact, facts.pattern);
    if (range) lines.push(`- **Range:** ${range}`);
  }
  const mode = fact?.m !== undefined && fact.m !== 'unknown' ? fact.m : facts.machine?.m;
  const access = mode ? accessPhrase(mode) : undefined;
  if (access) lines.push(`- **Access:** ${access}`);
  const scope = fact ? registrationScopePhrase(fact) : undefined;
  if (scope) lines.push(`- **Scope:** ${scope}`);
  if (fact && fact.mod !== 'builtin' && fact.mod !== 'unknown') lines.push(`- **Module:** \`${fact.mod}\` (the key exists once the module is loaded)`);
  lines.push(`- **Kernels:** ${kernelsPhrase(facts, kernel, kernelLabel)}`);
  if (fact && facts.tree) lines.push(`- **Source:** \`${fact.at}\` (Linux ${facts.tree}, handler \`${fact.h}\`)`);
  else if (fact && facts.curatedFrom) lines.push(`- **Source:** not placed by the generator; curated from \`${facts.curatedFrom}\``);
  return lines;
}
