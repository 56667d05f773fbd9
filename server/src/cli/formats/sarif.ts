import { isAbsolute, relative, sep } from 'node:path';
import type { Finding, Severity } from '../../engine';
import { isRuleId, profileRuleMeta, RULE_IDS, RULES } from '../../engine';
import { rulePageText } from '../../engine/rules/docs';
import { rulePage, ruleUrl } from '../ruleDocs';
import type { FileReport, FormatOptions } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const INFORMATION_URI = 'https://example.invalid/sysctl-tools#rules';

/** A repository-relative URI with forward slashes, as code scanning expects. */
function artifactUri(path: string, cwd: string): string {
  if (path === '-' || path === '<stdin>') return 'stdin';
  const rel = isAbsolute(path) ? relative(cwd, path) : path;
  const usable = rel.startsWith('..') ? path : rel;
  return usable.split(sep).map(encodeURIComponent).join('/').replace(/^\.\//, '');
}

/** Stable across runs and unrelated edits: the rule, the trimmed line text and its occurrence. */
function fingerprint(finding: Finding, lines: readonly string[], seen: Map<string, number>): string {
  const lineText = (lines[finding.range.start.line] ?? '').trim();
  const base = `${finding.ruleId}\u0000${lineText}`;
  const occurrence = seen.get(base) ?? 0;
  seen.set(base, occurrence + 1);
  // node:crypto is loaded for SARIF output only, not at every start of the CLI.
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 32) + `:${occurrence + 1}`;
}

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
}

interface DescriptorMeta {
  summary: string;
  description: string;
  defaultSeverity: Severity;
  helpUri?: string;
  help?: RuleDescriptor['help'];
}

function descriptor(id: string, meta: DescriptorMeta): RuleDescriptor {
  return {
    id,
    // `cis/net.ipv4.ip_forward` → `Cis/Net.ipv4.ipForward`: SARIF names are for display only.
    name: id.replace(/(^|[-/_])([a-z])/g, (_m, d: string, c: string) => (d === '/' ? '/' : '') + c.toUpperCase()),
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.description },
    help: meta.help ?? { text: `${meta.summary} ${meta.description}` },
    ...(meta.helpUri ? { helpUri: meta.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
  };
}

/** A fixed rule's page from docs/rules as its help: code scanning shows `help.markdown`. */
function pageHelp(id: string): Pick<DescriptorMeta, 'help' | 'helpUri'> {
  const page = rulePage(id);
  return page ? { help: { text: rulePageText(page), markdown: page }, helpUri: ruleUrl(id) } : {};
}

/** Every fixed rule, then each profile rule the reports use (there are too many to list them all). */
function ruleDescriptors(reports: readonly FileReport[]): RuleDescriptor[] {
  const out = RULE_IDS.map((id) => descriptor(id, { ...RULES[id], ...pageHelp(id) }));
  const profileIds = new Set<string>();
  for (const report of reports) for (const f of report.findings) if (!isRuleId(f.ruleId)) profileIds.add(f.ruleId);
  for (const id of [...profileIds].sort()) {
    const meta = profileRuleMeta(id);
    if (meta) out.push(descriptor(id, meta));
  }
  return out;
}

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
export function formatSarif(reports: readonly FileReport[], options: FormatOptions): string {
  const descriptors = ruleDescriptors(reports);
  const ruleIndex = new Map<string, number>(descriptors.map((d, index) => [d.id, index]));
  const results = [];
  for (const report of reports) {
    const lines = report.text.split(/\r\n|\r|\n/);
    const seen = new Map<string, number>();
    for (const f of report.findings) {
      results.push({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(report.path, options.cwd) },
              region: {
                startLine: f.range.start.line + 1,
                startColumn: f.range.start.character + 1,
                endLine: f.range.end.line + 1,
                endColumn: f.range.end.character + 1,
              },
            },
          },
        ],
        partialFingerprints: { primaryLocationLineHash: fingerprint(f, lines, seen) },
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sysctl-lint',
            version: options.version,
            semanticVersion: options.version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
