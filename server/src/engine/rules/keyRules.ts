import { defineRule } from './defineRule';
import { wholeLineEdit } from '../actions/lineEdits';
import { compareKernelVersions, formatKernelVersion, parseKernelVersion } from '../kernelVersion';
import type { KeySpec } from '../keys';
import { findLegacy, globMatchesKnownName, impossibleInterface, isKnownKeyName, isKnownTopLevel, knownNameCandidates, knownSiblings } from '../keys';
import type { ParsedLine } from '../parser/types';
import { spanToRange } from '../text/position';
import type { RuleContext, SettingRef } from './context';
import { specOf, viaOf } from './context';
import { suggestKeys } from './suggest';
import { hasKeyFacts, keyFacts, presentOnKernel } from '../keys/kernelFacts';
import { findRemovedKey, findVendorKey } from '../keys/keyHistory';
import type { Finding, Fix } from './types';

/** Lines the parser already reports as broken keys get no second finding about the same key. */
function keyAlreadyReported(line: ParsedLine): boolean {
  return line.issues.some((i) => i.code === 'whitespace-in-key' || i.code === 'empty-key' || i.code === 'bom' || i.code === 'double-dash' || i.code === 'parent-component');
}

export function versionAtLeast(context: RuleContext, release: string): boolean {
  const parsed = parseKernelVersion(release);
  return parsed.ok && compareKernelVersions(context.kernel, parsed.value) >= 0;
}

function shortVersion(context: RuleContext): string {
  const { major, minor, patch } = context.kernel;
  return patch === 0 ? `${major}.${minor}` : formatKernelVersion(context.kernel);
}

export function kernelLabel(context: RuleContext): string {
  return context.kernelIsDefault
    ? `kernel ${shortVersion(context)} (the newest documented; set the target with sysctl.kernelVersion or --kernel)`
    : `target kernel ${shortVersion(context)}`;
}

/** Whether the key is absent from the target kernel, so its value does not matter. */
export function absentOnTarget(context: RuleContext, spec: KeySpec): boolean {
  return Boolean(
    (spec.removedIn && versionAtLeast(context, spec.removedIn)) ||
    (!spec.removedIn && spec.absentBy && versionAtLeast(context, spec.absentBy)) ||
    (spec.since && !versionAtLeast(context, spec.since) && !spec.unverified?.includes('since')),
  );
}

/** Only the written key changes: dots, slashes and everything else on the line stay. */
function replaceKeyFix(lineNumber: number, line: ParsedLine & { kind: 'setting' | 'exclusion' }, replacement: string, title: string) {
  return { title, edits: [{ range: spanToRange(lineNumber, line.key.span), newText: replacement }], isPreferred: true, safe: true };
}

/** What each tool does with a line whose key does not exist: `--system` and `-e` make procps quiet. */
const TOOLS_SKIP_IT = 'sysctl -p fails on this line ("cannot stat"), and sysctl --system and systemd-sysctl skip it';

export function unknownKeyRule(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  context.document.lines.forEach((line, lineNumber) => {
    if ((line.kind !== 'setting' && line.kind !== 'exclusion') || line.key.text === '' || keyAlreadyReported(line)) return;
    const name = line.key.canonical;
    // The range is built only for a finding: nearly every key is known.
    const report = (severity: Finding['severity'], message: string, fixes?: Fix[]) =>
      findings.push({ ruleId: 'unknown-key', severity, range: spanToRange(lineNumber, line.key.span), message, ...(fixes ? { fixes } : {}) });
    if (line.key.isGlob) {
      if (!globMatchesKnownName(name)) report('warning', `Pattern '${line.key.text}' matches no known kernel key, so it sets nothing.`);
      return;
    }
    // Vendor-patch keys first: the trees are Debian's and carry some of them.
    const vendor = findVendorKey(name);
    if (vendor) {
      report('info', `'${line.key.text}' exists only on kernels with ${vendor.patch}; mainline kernels do not have it, so elsewhere ${TOOLS_SKIP_IT}.`);
      return;
    }
    if (isKnownKeyName(name) || findLegacy(name) || findRemovedKey(name) || hasKeyFacts(name)) return;
    const impossible = impossibleInterface(name);
    if (impossible) {
      report('warning', `Unknown key '${line.key.text}': '${impossible.ifname}' cannot be an interface name (${impossible.problem}), so no kernel has this key; ${TOOLS_SKIP_IT}.`);
      return;
    }
    const vlan = vlanSlashForm(name);
    if (vlan) {
      report(
        'warning',
        `Unknown key '${line.key.text}': in dotted form every '.' separates components, so the VLAN interface is read as two. Write '${vlan}' (a '/' stands for the dot in the interface name).`,
        [replaceKeyFix(lineNumber, line, vlan, `Change to '${vlan}'`)],
      );
      return;
    }
    const near = suggestKeys(name, knownSiblings(name), () => knownNameCandidates(name));
    const suggestions = near.length > 0 ? near : perInterfaceForms(name);
    report(
      'warning',
      `Unknown key '${line.key.text}': no kernel has it, so ${TOOLS_SKIP_IT}.` + (suggestions.length > 0 ? ` Did you mean '${suggestions[0]}'?` : notASysctlHint(name)),
      // A guess: offered in the editor, never applied by --fix or fix-all (online/offline are two edits apart).
      suggestions.map((s, i) => ({ ...replaceKeyFix(lineNumber, line, s, `Change to '${s}'`), isPreferred: i === 0, safe: false })),
    );
  });
  return findings;
}

/**
 * `net.ipv4.accept_ra`: a per-interface setting written without its interface. The `all` and
 * `default` forms, of the protocol written first, else of the other (accept_ra is IPv6's only).
 */
function perInterfaceForms(name: string): string[] {
  const match = /^net\.(ipv4|ipv6)\.([a-z0-9_]+)$/.exec(name);
  if (!match) return [];
  const [, written, leaf] = match;
  for (const protocol of [written, written === 'ipv4' ? 'ipv6' : 'ipv4']) {
    const forms = ['all', 'default'].map((ifname) => `net.${protocol}.conf.${ifname}.${leaf}`).filter(isKnownKeyName);
    if (forms.length > 0) return forms;
  }
  return [];
}

/**
 * Where a name no kernel has is a setting of another kind, which sysctl files cannot set:
 * `kernel.mm.transparent_hugepage.enabled` is the sysfs file /sys/kernel/mm/..., and
 * `zswap.enabled` or `scsi_mod.use_blk_mq` (two components, the first no /proc/sys directory) is
 * how kernel and module parameters are written.
 */
function notASysctlHint(name: string): string {
  if (/^kernel\.mm\.[a-z0-9_.-]+$/i.test(name)) {
    const file = `/sys/${name.replace(/\./g, '/')}`;
    return ` It looks like the sysfs file ${file}, which sysctl files cannot set: write it at boot with a systemd-tmpfiles line ('w ${file} - - - - VALUE') or a boot script.`;
  }
  const match = /^([a-z0-9_]+)\.([a-z0-9_]+)$/i.exec(name);
  if (!match || isKnownTopLevel(match[1])) return '';
  const [, module, parameter] = match;
  return ` If '${module}' is a kernel module, '${parameter}' is one of its parameters, which sysctl files cannot set: put ${module}.${parameter}=VALUE on the kernel command line, use /etc/modprobe.d for a loadable module, or, where the module allows it, write /sys/module/${module}/parameters/${parameter}.`;
}

/** `net.ipv4.conf.eth0.100.rp_filter` meant VLAN eth0.100: the slash form that reaches it, if that is a known key. */
function vlanSlashForm(name: string): string | undefined {
  const match = /^(net\.ipv[46]\.(?:conf|neigh))\.([^.]+)\.(\d+)\.(.+)$/.exec(name);
  if (!match) return undefined;
  const candidate = `${match[1]}.${match[2]}/${match[3]}.${match[4]}`;
  return isKnownKeyName(candidate) ? candidate : undefined;
}

export function removedKeyRule(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const ref of context.settingsInOrder) {
    if (viaOf(ref)) continue;
    const spec = specOf(ref);
    const finding = spec ? versionFinding(context, spec, ref.lineNumber, ref.line.key.span) : historyFinding(context, ref.line.key.canonical, ref.lineNumber, ref.line.key.span);
    if (finding) {
      finding.fixes = [{ title: 'Remove the line', edits: [wholeLineEdit(ref.lineNumber)], safe: false }];
      findings.push(finding);
    }
  }
  return findings;
}

/**
 * Whether the key as the line writes it does not exist on the target kernel, so the line sets
 * nothing there: what removed-key reports, and legacy-key for a legacy name current kernels lack.
 */
export function writtenKeyAbsentOnTarget(context: RuleContext, ref: SettingRef): boolean {
  const via = viaOf(ref);
  if (via) return via.kind === 'legacy' && (!via.removedIn || versionAtLeast(context, via.removedIn));
  const spec = specOf(ref);
  return spec ? absentOnTarget(context, spec) : uncuratedAbsentOnTarget(context, ref.line.key.canonical);
}

/** For a key the curated database does not describe: curated pre-6.1 removals, then the kernel facts. */
function uncuratedAbsentOnTarget(context: RuleContext, name: string): boolean {
  const removed = findRemovedKey(name);
  if (removed) {
    const gone = removed.removedIn ?? removed.absentBy;
    return Boolean(gone && versionAtLeast(context, gone));
  }
  const facts = keyFacts(name, context.kernel);
  return Boolean(facts && presentOnKernel(facts, context.kernel) === false);
}

/** removed-key for a key the curated database does not describe (see uncuratedAbsentOnTarget). */
function historyFinding(context: RuleContext, name: string, lineNumber: number, span: { start: number; end: number }): Finding | undefined {
  if (!uncuratedAbsentOnTarget(context, name)) return undefined;
  const range = spanToRange(lineNumber, span);
  const removed = findRemovedKey(name);
  if (removed) {
    const when = removed.removedIn
      ? `was removed in Linux ${removed.removedIn}`
      : `no longer exists (already gone in Linux ${removed.absentBy}, the oldest kernel whose sources were checked)`;
    return {
      ruleId: 'removed-key',
      severity: 'error',
      range,
      tag: 'deprecated',
      message: `'${name}' ${when}; on ${kernelLabel(context)} the line fails ("cannot stat") and sets nothing. ${removed.instead}`,
    };
  }
  const facts = keyFacts(name, context.kernel);
  if (!facts) return undefined;
  const when = facts.gone
    ? `was removed after Linux 6.1 (its sources have it, ${facts.gone}'s do not)`
    : facts.since
      ? `was added after Linux 6.1 (first seen in the ${facts.since} sources)`
      : `was added after Linux ${facts.after} (seen on 6.18, absent from the ${facts.after} sources)`;
  return {
    ruleId: 'removed-key',
    severity: 'error',
    range,
    ...(facts.gone ? { tag: 'deprecated' as const } : {}),
    message: `'${name}' ${when}; ${kernelLabel(context)} does not have it, so the line fails and sets nothing.`,
  };
}

function versionFinding(context: RuleContext, spec: KeySpec, lineNumber: number, span: { start: number; end: number }): Finding | undefined {
  const range = spanToRange(lineNumber, span);
  if (spec.removedIn && versionAtLeast(context, spec.removedIn)) {
    const replaced = !spec.replacedBy
      ? ''
      : /^[a-z0-9_./-]+$/.test(spec.replacedBy)
        ? ` Use '${spec.replacedBy}' instead.`
        : ` ${spec.replacedBy.endsWith('.') ? spec.replacedBy : spec.replacedBy + '.'}`;
    return {
      ruleId: 'removed-key',
      severity: 'error',
      range,
      tag: 'deprecated',
      message: `'${spec.name}' was removed in Linux ${spec.removedIn}; on ${kernelLabel(context)} the line fails ("cannot stat") and sets nothing.${replaced}`,
    };
  }
  if (!spec.removedIn && spec.absentBy && versionAtLeast(context, spec.absentBy)) {
    return {
      ruleId: 'removed-key',
      severity: 'error',
      range,
      tag: 'deprecated',
      message: `'${spec.name}' no longer exists (already gone in Linux ${spec.absentBy}); on ${kernelLabel(context)} the line fails and sets nothing.${spec.replacedBy ? ' ' + spec.replacedBy : ''}`,
    };
  }
  if (spec.since && !versionAtLeast(context, spec.since) && !spec.unverified?.includes('since')) {
    return {
      ruleId: 'removed-key',
      severity: 'error',
      range,
      message: `'${spec.name}' was added in Linux ${spec.since}; ${kernelLabel(context)} does not have it, so the line fails and sets nothing.`,
    };
  }
  return undefined;
}

export function legacyKeyRule(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  context.document.lines.forEach((line, lineNumber) => {
    if (line.kind !== 'setting' || line.key.isGlob || keyAlreadyReported(line)) return;
    const legacy = findLegacy(line.key.canonical);
    if (!legacy) return;
    const fix = replaceKeyFix(lineNumber, line, legacy.target, `Use the current name '${legacy.target}'`);
    const range = spanToRange(lineNumber, line.key.span);
    if (legacy.kind === 'alias') {
      findings.push({
        ruleId: 'legacy-key',
        severity: 'info',
        range,
        message: `'${legacy.name}' is an old alias of '${legacy.target}' (the same variable): it works only in the initial network namespace and does not exist inside containers. Use the current name.`,
        fixes: [fix],
      });
    } else {
      const gone = legacy.removedIn && versionAtLeast(context, legacy.removedIn);
      findings.push({
        ruleId: 'legacy-key',
        severity: 'warning',
        range,
        tag: 'deprecated',
        message: `'${legacy.name}' is a legacy name (${legacy.existedIn})${gone ? `, gone since Linux ${legacy.removedIn}` : ''}; current kernels only have '${legacy.target}', so this line sets nothing there.`,
        fixes: [fix],
      });
    }
  });
  return findings;
}

export const unknownKey = defineRule({
  id: 'unknown-key',
  defaultSeverity: 'warning',
  summary: 'No kernel has this key.',
  description:
    'The key is not a real kernel sysctl (checked against the names of current and older kernels, with per-interface patterns), so procps fails on the line and systemd-sysctl skips it. Near misses get a "did you mean" fix.',
  check: { scope: 'line', run: unknownKeyRule },
});

export const removedKey = defineRule({
  id: 'removed-key',
  defaultSeverity: 'error',
  summary: 'The key does not exist on the target kernel.',
  description: 'The key was removed before the target kernel (or added after it), so the line fails and sets nothing. The message says since which version and what replaces it.',
  check: { scope: 'line', run: removedKeyRule },
});

export const legacyKey = defineRule({
  id: 'legacy-key',
  defaultSeverity: 'warning',
  summary: 'An old name or alias of a current key.',
  description:
    'Old aliases such as net.nf_conntrack_max still work but only in the initial network namespace; legacy names such as net.ipv4.netfilter.ip_conntrack_max are gone from current kernels. The fix writes the current name.',
  check: { scope: 'line', run: legacyKeyRule },
});
