/**
 * "Never break": properties of the engine over generated documents and settings (fast-check,
 * seeded). Each property names its seed in its title; on a failure fast-check also prints the seed
 * and the shrink path, so `fc.assert(..., { seed, path })` replays exactly the failing case.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { EngineCodeAction, EngineSettings, Finding, ParsedLine, Range, SeveritySetting, TextEdit } from '../../server/src/engine';
import {
  analyze,
  applySafeFixes,
  fixActions,
  parseDocument,
  parseLine,
  recommendationFromSettings,
  isProfileRuleId,
  PROFILE_NAMES,
  ROLE_NAMES,
  RULE_IDS,
  sizingActions,
} from '../../server/src/engine';
import { completeAt } from '../../server/src/engine/completion';
import { hoverAt } from '../../server/src/engine/hover';
import { allDocumentedKeys, allLegacyKeys } from '../../server/src/engine/keys';
import { applyEdits } from '../helpers/applyEdits';

const BOM = '\uFEFF';

// ---------------------------------------------------------------- generators

const DOCUMENTED = allDocumentedKeys().map((k) => k.name);
const LEGACY = allLegacyKeys().map((k) => k.name);
const CROSS_KEYS = [
  'net.netfilter.nf_conntrack_max',
  'net.netfilter.nf_conntrack_buckets',
  'net.nf_conntrack_max',
  'net.core.somaxconn',
  'net.ipv4.tcp_max_syn_backlog',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'vm.swappiness',
];

/** Characters that have tripped parsers before: separators, NUL, BOM, lone surrogates, wide characters. */
const TRICKY_CHAR = fc.constantFrom(
  '\0',
  '\u2028',
  '\u2029',
  '\u0085',
  '\v',
  '\f',
  '\t',
  ' ',
  '=',
  '#',
  ';',
  '-',
  '.',
  '/',
  '*',
  '?',
  '[',
  ']',
  BOM,
  '\uD800',
  '\uDC00',
  'é',
  '😀',
  'a',
  'Z',
  '0',
  '9',
  '"',
  "'",
  '\\',
  '%',
);

const keyArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...DOCUMENTED) },
  // The keys cross-key rules compare, often enough that they meet in one document.
  { weight: 2, arbitrary: fc.constantFrom(...CROSS_KEYS) },
  // Keys the hardening profiles judge, some with OR alternatives, architecture limits or globs.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'kernel.kptr_restrict',
      'kernel.yama.ptrace_scope',
      'net.ipv4.conf.all.send_redirects',
      'net.ipv4.conf.*.accept_redirects',
      'vm.mmap_rnd_bits',
      'vm.mmap_min_addr',
      'user.max_user_namespaces',
      'kernel.unprivileged_userns_clone',
      'kernel.modules_disabled',
      'net.ipv4.ip_forward',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...LEGACY) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'net.ipv4.conf.enp3s0/200.forwarding',
      'net/ipv4/ip_forward',
      'net.ipv4.conf.*.rp_filter',
      'sysctl -w vm.swappiness',
      'sysctl vm.swappiness',
      'kernel..pid_max',
      'net//core/somaxconn',
      'net.ipv4.conf.all.rp_filter',
      'vm.swapiness',
      'net.netfilter.nf_conntrack_max',
      'net.nf_conntrack_max',
      'net.netfilter.nf_conntrack_buckets',
      '../../etc/passwd',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: TRICKY_CHAR, maxLength: 20 }) },
);

const valueArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '0',
      '1',
      '2',
      '-1',
      '65536',
      '65535',
      '70000',
      '99999999999999999999999',
      '18446744073709551616',
      '-9223372036854775809',
      '0x10',
      '010',
      '"1"',
      "'1'",
      '1 # comment',
      '1 ; comment',
      '60000 1024',
      '1024 65535',
      '4096 87380 6291456',
      '8192 4096 1024',
      '',
      ' ',
      'yes',
      '1e3',
      '1\t2\t3',
      '262144',
      '49521980 kB',
      'NaN',
      '1.5',
      '1' + '0'.repeat(400),
      '0x' + 'f'.repeat(40),
    ),
  },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.array(fc.integer(), { maxLength: 4 }).map((a) => a.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: TRICKY_CHAR, maxLength: 20 }) },
);

const settingLineArb = fc
  .tuple(
    fc.constantFrom('', '', '', '-', '- ', '--', ' ', '\t', BOM),
    keyArb,
    fc.constantFrom(' = ', ' = ', '=', ' =', '= ', ' == ', '\t=\t'),
    valueArb,
    fc.constantFrom('', '', ' ', '\t', ' # trailing', '\0junk'),
  )
  .map((parts) => parts.join(''));

const lineArb = fc.oneof(
  { weight: 8, arbitrary: settingLineArb },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '# comment',
      '; comment',
      '  # indented',
      '# sysctl-lint-disable-next-line',
      '# sysctl-lint-disable-next-line duplicate-key, unknown-key',
      '# sysctl-lint-disable',
      '# sysctl-lint-disable syntax-error',
      '#sysctl-lint-disable-next-line tool-divergence',
      '-net.netfilter.nf_conntrack_max',
      '-net.ipv4.conf.*.rp_filter',
      '- vm.swappiness',
      'no equals sign',
      '=',
      '-',
      '--',
      '\v',
      '\f',
      ' \t ',
      'sysctl -w vm.swappiness=10',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: TRICKY_CHAR, maxLength: 30 }) },
);

/** A document: lines joined by one line ending (mostly) or a mix, with or without BOM and final newline. */
const documentArb = fc
  .record({
    bom: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    lines: fc.array(lineArb, { maxLength: 25 }),
    eol: fc.constantFrom<'\n' | '\r\n' | 'mixed'>('\n', '\r\n', 'mixed'),
    mixed: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 25, maxLength: 25 }),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, lines, eol, mixed, finalNewline }) => {
    const sep = (i: number) => (eol === 'mixed' ? mixed[i % mixed.length] : eol);
    let text = bom ? BOM : '';
    lines.forEach((line, i) => {
      text += line;
      if (i < lines.length - 1 || finalNewline) text += sep(i);
    });
    return text;
  });

const severityArb = fc.constantFrom<SeveritySetting>('off', 'info', 'warning', 'error');

const kernelVersionArb = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('2.4', '2.6.18', '2.6.32-754.el6.x86_64', '3.10', '4.9', '4.19', '5.4', '5.15.0-105-generic', '6.8', '6.18', '9999.9999', '0.0'),
  fc.constantFrom('banana', '', ' ', '6', '6.', '.6', '-1.2', '6.8 extra', '99999999999999999999999.1', 'NaN', '6.8\n', '\0'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: TRICKY_CHAR, maxLength: 12 }),
);

// Valid sizing most of the time, so the rules that need RAM run; garbage the rest.
const memTotalArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('49521980 kB', '48GiB', '512MiB', '51539607552', '1 kB', '8 PiB') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-5 kB', '99999999999999999999999 kB', '9007199254740993', '1e9', 'NaN', 'Infinity', '8 GB') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const architectureArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('x86_64', 'aarch64', 'armv7l', 'i686', 'ppc64le', 's390x', 'riscv64', '32', '64') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('sparc', '', '128', 'x86_64 ') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

const settingsArb: fc.Arbitrary<EngineSettings> = fc
  .record({
    rules: fc.dictionary(fc.oneof(fc.constantFrom(...RULE_IDS), fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString')), severityArb, { maxKeys: 6 }),
    kernelVersion: kernelVersionArb,
    memTotal: memTotalArb,
    architecture: architectureArb,
    profiles: fc.subarray([...PROFILE_NAMES]),
    roles: fc.subarray([...ROLE_NAMES]),
  })
  .map(({ rules, kernelVersion, memTotal, architecture, profiles, roles }) => {
    const settings: EngineSettings = { rules: { ...rules }, sizing: {}, profiles, roles };
    if (kernelVersion !== undefined) settings.kernelVersion = kernelVersion;
    if (memTotal !== undefined) settings.sizing.memTotal = memTotal;
    if (architecture !== undefined) settings.sizing.architecture = architecture;
    return settings;
  });

// ---------------------------------------------------------------- an independent model of the text

interface EditorLine {
  text: string;
  terminator: '' | '\n' | '\r\n' | '\r';
  offset: number;
}

/** Editor lines as LSP clients count them (CRLF, CR, LF), written apart from the engine's splitter. */
function editorLines(text: string): EditorLine[] {
  const out: EditorLine[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), terminator: m[0] as EditorLine['terminator'], offset: start });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), terminator: '', offset: start });
  return out;
}

function terminators(text: string): Set<string> {
  return new Set(text.match(/\r\n|\r|\n/g) ?? []);
}

const show = (value: unknown) => JSON.stringify(value);

/** A position inside the text; `intoTerminator` lets it point at the line break (a lone CR finding does). */
function assertPosition(lines: EditorLine[], p: Range['start'], what: string, intoTerminator: boolean): void {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${what}: bad position ${show(p)}`);
  assert.ok(p.line < lines.length, `${what}: line ${p.line} is past the last line (${lines.length - 1})`);
  const line = lines[p.line];
  const limit = line.text.length + (intoTerminator ? line.terminator.length : 0);
  assert.ok(p.character <= limit, `${what}: character ${p.character} is past the end of line ${p.line} (${limit}): ${show(line.text)}`);
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function assertRange(lines: EditorLine[], range: Range, what: string, intoTerminator: boolean): void {
  assertPosition(lines, range.start, `${what} start`, intoTerminator);
  assertPosition(lines, range.end, `${what} end`, intoTerminator);
  assert.ok(!before(range.end, range.start), `${what}: inverted range ${show(range)}`);
}

/**
 * An edit position: on a line's text, or (n+1, 0) for a whole-line deletion. Never inside a
 * CRLF pair and never past a line, where clients would clamp and the edit would reach elsewhere.
 */
function offsetOf(lines: EditorLine[], p: Range['start'], what: string): number {
  assertPosition(lines, p, what, false);
  return lines[p.line].offset + p.character;
}

/**
 * Applies the action's edits to the text, checking that they are valid and disjoint, that an LSP
 * client applying them gets the same bytes, and that every byte outside the edited ranges is kept.
 */
function applyChecked(text: string, edits: readonly TextEdit[], what: string): string {
  const lines = editorLines(text);
  const spans = edits
    .map((e, i) => ({ start: offsetOf(lines, e.range.start, `${what} edit ${i} start`), end: offsetOf(lines, e.range.end, `${what} edit ${i} end`), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const span of spans) {
    assert.ok(span.start >= at, `${what}: edits overlap at offset ${span.start}: ${show(edits)}`);
    assert.ok(span.end >= span.start, `${what}: inverted edit ${show(span)}`);
    out += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  out += text.slice(at);
  // The client's own implementation must agree: same bytes, so nothing outside the ranges moved.
  assert.equal(applyEdits(text, edits), out, `${what}: an LSP client applies the edits differently`);
  return out;
}

/** What any edit must keep: the BOM, the file's line-ending style and its final newline (or lack of one). */
function assertPreserved(original: string, result: string, what: string): void {
  const context = `${what}\noriginal: ${show(original)}\nresult:   ${show(result)}`;
  // (A U+FEFF further down may become the first character when the lines above it are deleted.)
  if (original.startsWith(BOM)) assert.ok(result.startsWith(BOM), `BOM at the start not preserved: ${context}`);
  const before = terminators(original);
  const after = terminators(result);
  if (before.size === 1 && after.size > 0) {
    assert.deepEqual([...after], [...before], `line endings not preserved: ${context}`);
  }
  const content = original.startsWith(BOM) ? original.slice(1) : original;
  if (content === '' || result === '' || result === BOM) return; // an empty file has no last line to keep
  const endsWithBreak = (t: string) => /[\r\n]$/.test(t);
  // Deleting an unterminated last line after a blank line leaves the blank line's own break last:
  // nothing was added, the result is the original cut short.
  if (!endsWithBreak(original) && endsWithBreak(result) && original.startsWith(result)) return;
  assert.equal(endsWithBreak(result), endsWithBreak(original), `final newline ${endsWithBreak(original) ? 'lost' : 'added'}: ${context}`);
}

function wholeDocumentRange(lines: EditorLine[]): Range {
  const last = lines.length - 1;
  return { start: { line: 0, character: 0 }, end: { line: last, character: lines[last].text.length } };
}

function assertFindingsInside(text: string, findings: readonly Finding[]): void {
  const lines = editorLines(text);
  for (const f of findings) {
    const what = `${f.ruleId} ${show(f.range)} in ${show(text)}`;
    assertRange(lines, f.range, what, true);
    for (const r of f.related ?? []) assertRange(lines, r.range, `related of ${what}`, true);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assertRange(lines, e.range, `fix '${fix.title}' of ${what}`, false);
  }
}

// ---------------------------------------------------------------- the properties

/** Sizing actions get a fixed, valid recommendation. */
const RECOMMENDATION = (() => {
  const result = recommendationFromSettings({ memTotal: '49521980 kB', architecture: 'x86_64' }, '6.8');
  assert.ok(result?.ok);
  return result.value;
})();

describe('robustness properties (fast-check, seeded)', function () {
  this.timeout(60_000);

  const SPANS_SEED = 0x5eed0001;
  it(`parseLine never throws and its spans are ordered and inside the line (seed ${SPANS_SEED})`, () => {
    const anyLine = fc.oneof(lineArb, fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: TRICKY_CHAR, maxLength: 60 }));
    fc.assert(
      fc.property(anyLine, fc.constantFrom<'' | '\n' | '\r\n' | '\r'>('', '\n', '\r\n', '\r'), (raw, terminator) => {
        // A line never holds its own break; strip breaks the way the splitter would have.
        const text = raw.replace(/[\r\n]/g, '');
        const line: ParsedLine = parseLine(text, terminator);
        const n = text.length;
        const inside = (s: { start: number; end: number }, what: string) =>
          assert.ok(0 <= s.start && s.start <= s.end && s.end <= n, `${what} ${show(s)} outside [0, ${n}] in ${show(text)}`);
        assert.equal(line.length, n);
        switch (line.kind) {
          case 'blank':
            break;
          case 'comment':
          case 'invalid':
            inside(line.span, line.kind);
            break;
          case 'exclusion':
            inside(line.dash, 'dash');
            inside(line.key.span, 'key');
            assert.ok(line.dash.end <= line.key.span.start, `dash after key in ${show(text)}`);
            break;
          case 'setting': {
            if (line.dash) {
              inside(line.dash, 'dash');
              assert.ok(line.dash.end <= line.key.span.start, `dash after key in ${show(text)}`);
            }
            inside(line.key.span, 'key');
            inside(line.value.span, 'value');
            assert.equal(text[line.equals], '=', `equals column ${line.equals} in ${show(text)}`);
            assert.ok(line.key.span.end <= line.equals, `key runs past '=' in ${show(text)}`);
            assert.ok(line.equals < line.value.span.start || (line.value.text === '' && line.equals + 1 <= line.value.span.start), `value starts before '=' in ${show(text)}`);
            assert.equal(text.slice(line.key.span.start, line.key.span.end), line.key.text);
            assert.equal(text.slice(line.value.span.start, line.value.span.end), line.value.text);
            break;
          }
        }
        for (const issue of line.issues) {
          // A lone CR's issue points at the CR itself, one past the text.
          const limit = issue.code === 'bare-cr' ? n + 1 : n;
          assert.ok(
            0 <= issue.span.start && issue.span.start <= issue.span.end && issue.span.end <= limit,
            `issue ${issue.code} ${show(issue.span)} outside the line ${show(text)}`,
          );
        }
      }),
      { seed: SPANS_SEED, numRuns: 20_000 },
    );
  });

  const LINES_SEED = 0x5eed0002;
  it(`parseDocument has one line per editor line, whatever the text (seed ${LINES_SEED})`, () => {
    const anyText = fc.oneof(
      documentArb,
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: fc.constantFrom('\r', '\n', '\r\n', 'a', '\u2028', '\u0085', '\v', '\f', '\0'), maxLength: 60 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseDocument(text);
        const lines = editorLines(text);
        assert.equal(parsed.lines.length, lines.length, `line count of ${show(text)}`);
        parsed.lines.forEach((line, i) => assert.equal(line.length, lines[i].text.length, `length of line ${i} of ${show(text)}`));
        assert.equal(parsed.endsWithNewline, lines.length > 1 && lines[lines.length - 1].text === '');
      }),
      { seed: LINES_SEED, numRuns: 5_000 },
    );
  });

  const ANALYZE_SEED = 0x5eed0003;
  it(`analyze, hover and completion never throw, and every finding lies inside the document (seed ${ANALYZE_SEED})`, () => {
    fc.assert(
      fc.property(documentArb, settingsArb, fc.nat(), fc.nat(), (text, settings, lineSeed, charSeed) => {
        const document = parseDocument(text);
        const findings = analyze(document, settings);
        assertFindingsInside(text, findings);
        for (const f of findings) {
          assert.ok((RULE_IDS as readonly string[]).includes(f.ruleId) || isProfileRuleId(f.ruleId), `unknown rule ${f.ruleId}`);
          assert.ok(['error', 'warning', 'info'].includes(f.severity), `severity ${f.severity}`);
          assert.notEqual(settings.rules[f.ruleId], 'off', `${f.ruleId} is off but reported`);
        }
        recommendationFromSettings(settings.sizing, settings.kernelVersion);
        const line = lineSeed % document.lines.length;
        const position = { line, character: charSeed % (document.lines[line].length + 2) };
        hoverAt(document, position, settings);
        completeAt(document, position, settings);
      }),
      { seed: ANALYZE_SEED, numRuns: 3_000 },
    );
  });

  const EXTREMES_SEED = 0x5eed0006;
  it(`rules that compare keys never throw on extreme values (seed ${EXTREMES_SEED})`, () => {
    const extreme = fc.constantFrom(
      '0',
      '1',
      '-1',
      '2',
      '65535',
      '65536',
      '9007199254740991',
      '9007199254740993',
      '18446744073709551616',
      '99999999999999999999999',
      '1' + '0'.repeat(400),
      '-' + '9'.repeat(400),
      '0x' + 'f'.repeat(40),
      '1 2',
      '3 2 1',
      '60000 1024',
      '',
      'x',
    );
    const line = fc.tuple(fc.constantFrom(...CROSS_KEYS), extreme).map(([key, value]) => `${key} = ${value}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), settingsArb, fc.nat(), (lines, settings, at) => {
        const text = lines.join('\n') + '\n';
        const document = parseDocument(text);
        assertFindingsInside(text, analyze(document, settings));
        applySafeFixes(text, settings);
        const position = { line: at % lines.length, character: at % (lines[at % lines.length].length + 1) };
        hoverAt(document, position, settings);
        completeAt(document, position, settings);
      }),
      { seed: EXTREMES_SEED, numRuns: 3_000 },
    );
  });

  const ACTIONS_SEED = 0x5eed0004;
  it(`every code action edits only its range and keeps CRLF, the BOM and the final newline (seed ${ACTIONS_SEED})`, () => {
    fc.assert(
      fc.property(documentArb, fc.nat(), (text, lineSeed) => {
        const document = parseDocument(text);
        const findings = analyze(document, { rules: {}, sizing: {} });
        const lines = editorLines(text);
        const actions: Array<{ title: string; edits: TextEdit[] }> = [];
        for (const f of findings) for (const fix of f.fixes ?? []) actions.push({ title: `fix '${fix.title}' of ${f.ruleId}`, edits: fix.edits });
        const line = lineSeed % lines.length;
        const lineRange: Range = { start: { line, character: 0 }, end: { line, character: lines[line].text.length } };
        for (const range of [wholeDocumentRange(lines), lineRange]) {
          const engineActions: EngineCodeAction[] = [...fixActions(findings, range, document), ...sizingActions(document, range, RECOMMENDATION)];
          for (const a of engineActions) actions.push({ title: `action '${a.title}'`, edits: a.edits });
        }
        for (const action of actions) {
          const what = `${action.title} on ${show(text)}`;
          assert.ok(action.edits.length > 0, `${what}: no edits`);
          const result = applyChecked(text, action.edits, what);
          assertPreserved(text, result, what);
        }
      }),
      { seed: ACTIONS_SEED, numRuns: 2_000 },
    );
  });

  const FIX_SEED = 0x5eed0005;
  it(`applySafeFixes is idempotent and keeps CRLF, the BOM and the final newline (seed ${FIX_SEED})`, () => {
    fc.assert(
      fc.property(documentArb, settingsArb, (text, settings) => {
        const first = applySafeFixes(text, settings);
        const second = applySafeFixes(first.text, settings);
        assert.equal(second.text, first.text, `a second run changed ${show(first.text)}`);
        assert.equal(second.applied, 0);
        if (first.text !== text) assertPreserved(text, first.text, 'applySafeFixes');
      }),
      { seed: FIX_SEED, numRuns: 1_500 },
    );
  });
});
