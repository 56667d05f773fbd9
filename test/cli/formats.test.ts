import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCompact } from '../../server/src/cli/formats/compact';
import { formatGithub } from '../../server/src/cli/formats/github';
import { formatJson } from '../../server/src/cli/formats/json';
import { formatStylish } from '../../server/src/cli/formats/stylish';
import { RULE_IDS } from '../../server/src/engine';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { CLI_BIN, REPO_ROOT } from '../helpers/paths';
import { runCli } from '../helpers/runCli';
import { buildTree } from '../helpers/systemTree';
import { useTempDir } from '../helpers/tempDir';

// The SARIF 2.1.0 schema is draft-04, which Ajv 8 reads only through ajv-draft-04.
const AjvDraft04 = require('ajv-draft-04') as new (options: object) => { compile(schema: object): Validator };
const addFormats = require('ajv-formats') as (ajv: object) => void;
const SARIF_SCHEMA = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
type Validator = ((data: unknown) => boolean) & { errors?: unknown };

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
  partialFingerprints: { primaryLocationLineHash: string };
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: string };
}
interface SarifLog {
  version: string;
  runs: Array<{ tool: { driver: { name: string; version: string; rules: SarifRule[] } }; results: SarifResult[] }>;
}

const VERSION: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;

/** Findings of each severity, and a '%' in a message (the invalid-value message quotes '5%', which the kernel refuses). */
const MIXED = ['; old comment', 'vm.swappiness = 010', 'not a setting', 'net.netfilter.nf_conntrack_max = 262144', 'vm.swappiness = 5%', ''].join('\n');

const COMPACT_LINE = /^(.+):(\d+):(\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
type JsonReport = Array<{ file: string; findings: JsonFinding[] }>;

const noCiEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: '', ...extra };
  for (const name of ['NO_COLOR', 'FORCE_COLOR']) if (!(name in extra)) delete env[name];
  return env;
};

describe('sysctl-lint output formats (process)', () => {
  const dir = useTempDir('sysctl-formats');
  const write = (name: string, text: string): string => {
    const path = join(dir(), name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return name;
  };
  const run = (args: string[], env: NodeJS.ProcessEnv = noCiEnv()) => runCli(args, { cwd: dir(), env });
  const json = (args: string[]): JsonReport => JSON.parse(run(['--format', 'json', ...args]).stdout);

  describe('compact (the default when stdout is not a terminal)', () => {
    it('prints FILE:LINE:COL: SEVERITY: MESSAGE [RULE], 1-based, one finding a line, the path as given', () => {
      const name = write('mixed.conf', MIXED);
      const result = run([name]);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, '');
      const lines = result.stdout.trimEnd().split('\n');
      const expected = json([name])[0].findings;
      assert.equal(lines.length, expected.length);
      lines.forEach((line, i) => {
        const m = COMPACT_LINE.exec(line);
        assert.ok(m, line);
        assert.deepEqual(
          [m[1], Number(m[2]), Number(m[3]), m[4], m[5], m[6]],
          [name, expected[i].line, expected[i].column, expected[i].severity, expected[i].message, expected[i].ruleId],
        );
      });
      assert.deepEqual(lines.map((l) => COMPACT_LINE.exec(l)![4]).sort(), ['error', 'error', 'info', 'warning', 'warning'], 'two errors, two warnings and an info');
      assert.match(lines[0], /^mixed\.conf:1:1: warning: .*\[tool-divergence\]$/);
      assert.match(
        lines.find((l) => l.includes('[syntax-error]'))!,
        /^mixed\.conf:3:1: error: /,
      );
      assert.doesNotMatch(result.stdout, ANSI);
    });

    it('prints nothing for clean files', () => {
      const result = run([write('clean.conf', 'vm.swappiness = 10\n')]);
      assert.deepEqual([result.stdout, result.stderr, result.status], ['', '', 0]);
    });

    it('--format compact wins over GITHUB_ACTIONS', () => {
      const result = run(['--format', 'compact', write('gh-compact.conf', 'x\n')], noCiEnv({ GITHUB_ACTIONS: 'true' }));
      assert.match(result.stdout, /^gh-compact\.conf:1:1: error: /);
    });

    it('refuses an unknown format with exit 2 and the list of formats', () => {
      const result = run(['--format', 'xml', write('unknown-format.conf', 'x\n')]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, "sysctl-lint: unknown format 'xml' (choose stylish, compact, json, sarif, github)\n");
    });
  });

  describe('stylish', () => {
    it('groups by file with aligned positions and a summary line', () => {
      const a = write('stylish/a.conf', MIXED);
      const b = write('stylish/b.conf', 'vm.swappiness = 1\n');
      const c = write('stylish/c.conf', '\n\n\n\n\n\n\n\n\nbroken line\n');
      const result = run(['--format', 'stylish', a, b, c]);
      assert.equal(result.status, 1);
      const lines = result.stdout.split('\n');
      assert.equal(lines[0], '');
      assert.equal(lines[1], a);
      const rows = lines.slice(2, 7);
      for (const row of rows) assert.match(row, /^ {2}\d+:\d+ +(error|warning|info) +.+ {2}[a-z-]+$/);
      assert.match(rows[0], /^ {2}1:1 {3}warning {2}';' comment: .* {2}tool-divergence$/);
      assert.match(rows[1], /^ {2}2:17 {2}warning {2}010 has a leading zero, .* {2}suspicious-value$/);
      assert.match(rows[2], /^ {2}3:1 {3}error {4}Line is not a setting/);
      assert.match(rows[3], /^ {2}4:1 {3}info {5}.* {2}module-boot-order$/);
      assert.match(rows[4], /^ {2}5:17 {2}error {4}'5%' is not a value .* {2}invalid-value$/);
      assert.equal(lines[7], '');
      assert.equal(lines[8], c, 'a clean file gets no heading');
      assert.match(lines[9], /^ {2}10:1 {2}error {4}Line is not a setting.* {2}syntax-error$/);
      assert.equal(lines[10], '');
      assert.equal(lines[11], '✖ 6 problems (3 errors, 2 warnings, 1 info)');
      assert.equal(lines[12], '');
      assert.equal(lines.length, 13);
      assert.doesNotMatch(result.stdout, ANSI, 'no colour when stdout is not a terminal');
    });

    it('prints 150,000 problems of one file', () => {
      const result = run(['--format', 'stylish', write('stylish/huge.conf', 'kernel.sysrq = 1\n'.repeat(150_000))]);
      assert.equal(result.stderr, '');
      // Each line repeats the last one's value: information (the same value again changes nothing).
      assert.match(result.stdout, /\n⚠ 149999 problems \(0 errors, 0 warnings, 149999 info\)\n$/);
    });

    it('uses ⚠ when there are only warnings, and prints nothing for clean files', () => {
      const warn = run(['--format', 'stylish', write('stylish/warn.conf', '; c\n')]);
      assert.equal(warn.status, 0);
      assert.match(warn.stdout, /\n⚠ 1 problem \(0 errors, 1 warning, 0 info\)\n$/);
      const clean = run(['--format', 'stylish', write('stylish/clean.conf', 'vm.swappiness = 1\n')]);
      assert.deepEqual([clean.stdout, clean.status], ['', 0]);
    });

    it('colours with --color or FORCE_COLOR, not with --no-color or NO_COLOR', () => {
      const name = write('stylish/colour.conf', 'x\n');
      const plain = run(['--format', 'stylish', name]).stdout;
      const coloured = run(['--format', 'stylish', '--color', name]);
      assert.ok(coloured.stdout.includes('\u001b[31m'), 'errors in red');
      assert.equal(coloured.stdout.replace(new RegExp(ANSI.source, 'g'), ''), plain, 'the same text under the colours');
      assert.match(run(['--format', 'stylish', name], noCiEnv({ FORCE_COLOR: '1' })).stdout, ANSI);
      assert.doesNotMatch(run(['--format', 'stylish', '--color', '--no-color', name]).stdout, ANSI);
      assert.doesNotMatch(run(['--format', 'stylish', name], noCiEnv({ FORCE_COLOR: '1', NO_COLOR: '1' })).stdout, ANSI);
    });

    it('is the default on a terminal, in colour unless NO_COLOR is set', function () {
      requireOrSkip(this, commandExists('script', ['--version']), "util-linux 'script' (a pseudo-terminal)");
      const name = write('tty/a.conf', 'x\n');
      const onTty = (env: NodeJS.ProcessEnv) =>
        spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_BIN)} ${name}`, '/dev/null'], { cwd: dir(), env, encoding: 'utf8' }).stdout.replace(
          /\r\n/g,
          '\n',
        );
      const coloured = onTty(noCiEnv());
      assert.ok(coloured.includes('\u001b[4mtty/a.conf\u001b[0m\n'), coloured);
      assert.match(coloured, /✖ 1 problem \(1 error, 0 warnings, 0 info\)/);
      const plain = onTty(noCiEnv({ NO_COLOR: '1' }));
      assert.doesNotMatch(plain, ANSI);
      assert.match(plain, /^\ntty\/a\.conf\n {2}1:1 {2}error {4}/);
      assert.match(onTty(noCiEnv({ GITHUB_ACTIONS: 'true' })), /^::error file=tty\/a\.conf,/, 'GITHUB_ACTIONS wins over the terminal');
    });
  });

  describe('json', () => {
    it('is [{file, findings: [{ruleId, severity, message, line, column, endLine, endColumn, fixes?}]}], 1-based, one entry per file', () => {
      const a = write('json/a.conf', MIXED);
      const b = write('json/b.conf', 'vm.swappiness = 1\n');
      const result = run(['--format', 'json', a, b]);
      assert.equal(result.status, 1);
      const data = JSON.parse(result.stdout) as JsonReport;
      assert.deepEqual(
        data.map((r) => Object.keys(r)),
        [
          ['file', 'findings'],
          ['file', 'findings'],
        ],
      );
      assert.deepEqual(
        data.map((r) => r.file),
        [a, b],
      );
      assert.deepEqual(data[1].findings, []);
      for (const f of data[0].findings) {
        // `fixes` only where the finding has some.
        assert.deepEqual(
          Object.keys(f).filter((k) => k !== 'fixes'),
          ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'],
        );
        assert.ok(RULE_IDS.includes(f.ruleId as (typeof RULE_IDS)[number]), f.ruleId);
        assert.ok(['error', 'warning', 'info'].includes(f.severity));
        assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line && (f.endLine > f.line || f.endColumn >= f.column), JSON.stringify(f));
      }
      const withFix = data[0].findings.find((f) => (f as { fixes?: unknown[] }).fixes !== undefined) as
        { fixes: { title: string; safe: boolean; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] }[] } | undefined;
      assert.ok(withFix, 'some finding of the mixed file has a fix');
      for (const fix of withFix.fixes) {
        assert.equal(typeof fix.title, 'string');
        assert.equal(typeof fix.safe, 'boolean');
        for (const e of fix.edits) assert.ok(e.line >= 1 && e.column >= 1 && typeof e.newText === 'string', JSON.stringify(e));
      }
      const syntax = data[0].findings.find((f) => f.ruleId === 'syntax-error')!;
      assert.deepEqual([syntax.line, syntax.column, syntax.endLine, syntax.endColumn], [3, 1, 3, 14], "'not a setting' is columns 1 to 13");
      const semicolon = data[0].findings.find((f) => f.ruleId === 'tool-divergence')!;
      assert.deepEqual([semicolon.line, semicolon.column, semicolon.endLine, semicolon.endColumn], [1, 1, 1, 2]);
    });

    it('gives a clean file an empty list', () => {
      assert.deepEqual(json([write('json/clean.conf', '# nothing\n')]), [{ file: 'json/clean.conf', findings: [] }]);
    });
  });

  describe('sarif', () => {
    let validate: Validator;
    before(() => {
      const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
      addFormats(ajv);
      validate = ajv.compile(SARIF_SCHEMA);
    });
    const sarif = (args: string[]) => {
      const result = run(['--format', 'sarif', ...args]);
      assert.equal(result.stderr, '');
      return { status: result.status, log: JSON.parse(result.stdout) as SarifLog };
    };

    it('validates against the SARIF 2.1.0 schema, with and without results', () => {
      const withResults = sarif([write('sarif/mixed.conf', MIXED)]);
      assert.equal(withResults.status, 1);
      assert.ok(validate(withResults.log), JSON.stringify(validate.errors, null, 2));
      assert.ok(withResults.log.runs[0].results.length > 0);
      const clean = sarif([write('sarif/clean.conf', 'vm.swappiness = 1\n')]);
      assert.equal(clean.status, 0);
      assert.ok(validate(clean.log), JSON.stringify(validate.errors, null, 2));
      assert.deepEqual(clean.log.runs[0].results, []);
    });

    it('describes the tool and every rule: name, version, short and full descriptions, help', () => {
      const { log } = sarif([write('sarif/tool.conf', 'x\n')]);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.name, 'sysctl-lint');
      assert.equal(driver.version, VERSION);
      assert.deepEqual(
        driver.rules.map((r) => r.id),
        RULE_IDS,
      );
      for (const rule of driver.rules) {
        // GitHub caps the descriptions at 1024 characters; help (the rule's page) has no such limit.
        for (const field of ['shortDescription', 'fullDescription'] as const) {
          assert.equal(typeof rule[field].text, 'string', `${rule.id} ${field}`);
          assert.ok(rule[field].text.length > 10 && rule[field].text.length <= 1024, `${rule.id} ${field}`);
        }
        assert.ok(rule.help.text.length > 10, `${rule.id} help`);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
    });

    it('gives each result ruleId, ruleIndex, level, message, a physical location and a fingerprint', () => {
      const name = write('sarif/results.conf', MIXED);
      const { log } = sarif([name]);
      const expected = json([name])[0].findings;
      const { results } = log.runs[0];
      const rules = log.runs[0].tool.driver.rules;
      assert.equal(results.length, expected.length);
      const levels: Record<string, string> = { error: 'error', warning: 'warning', info: 'note' };
      results.forEach((result, i) => {
        assert.equal(result.ruleId, expected[i].ruleId);
        assert.equal(rules[result.ruleIndex].id, result.ruleId);
        assert.equal(result.level, levels[expected[i].severity]);
        assert.equal(result.message.text, expected[i].message);
        assert.equal(result.locations.length, 1);
        const { artifactLocation, region } = result.locations[0].physicalLocation;
        assert.equal(artifactLocation.uri, 'sarif/results.conf');
        assert.deepEqual(region, { startLine: expected[i].line, startColumn: expected[i].column, endLine: expected[i].endLine, endColumn: expected[i].endColumn });
        assert.match(result.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{32}:\d+$/);
      });
      assert.deepEqual([...new Set(results.map((r) => r.level))].sort(), ['error', 'note', 'warning']);
    });

    it('makes URIs relative to the working directory with forward slashes and percent-encoding', () => {
      write('sarif/with space/a b.conf', 'x\n');
      const absolute = join(dir(), 'sarif/with space/a b.conf');
      for (const given of ['sarif/with space/a b.conf', './sarif/with space/a b.conf', absolute]) {
        const { log } = sarif([given]);
        assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'sarif/with%20space/a%20b.conf', given);
      }
      const stdin = runCli(['--format', 'sarif', '-', '--stdin-filename', 'etc/sysctl.d/10-x.conf'], { cwd: dir(), input: 'x\n', env: noCiEnv() });
      assert.equal(JSON.parse(stdin.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'etc/sysctl.d/10-x.conf');
    });

    it('keeps fingerprints stable across runs and unrelated edits, and apart for repeated lines', () => {
      const fingerprints = (text: string) => {
        const name = write('sarif/fp.conf', text);
        return sarif([name]).log.runs[0].results.map((r) => `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`);
      };
      const before = fingerprints('x\nvm.swappiness = 1\ny\n');
      assert.deepEqual(fingerprints('x\nvm.swappiness = 1\ny\n'), before, 'same input, same fingerprints');
      assert.deepEqual(fingerprints('# a new comment\n\nx\nvm.swappiness = 1\ny\n'), before, 'lines moved down by unrelated lines');
      const repeated = fingerprints('x\nx\n');
      assert.equal(new Set(repeated).size, 2, 'two identical lines get two fingerprints');
    });
  });

  describe('github', () => {
    const gh = (args: string[], extra: NodeJS.ProcessEnv = {}) => run(args, noCiEnv({ GITHUB_ACTIONS: 'true', ...extra }));

    it('is chosen automatically when GITHUB_ACTIONS=true and no --format is given', () => {
      const name = write('gh/mixed.conf', MIXED);
      const result = gh([name]);
      assert.equal(result.status, 1);
      const expected = json([name])[0].findings;
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines.length, expected.length);
      const commands: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice' };
      lines.forEach((line, i) => {
        const f = expected[i];
        assert.equal(
          line,
          `::${commands[f.severity]} file=gh/mixed.conf,line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${f.ruleId}::${f.message.replace(/%/g, '%25')}`,
        );
      });
      assert.ok(
        lines.some((l) => l.includes('5%25')),
        "the '%' in a message is escaped",
      );
      assert.match(run([name], noCiEnv({ GITHUB_ACTIONS: 'false' })).stdout, /^gh\/mixed\.conf:1:1: warning: /m, 'only "true" selects it');
    });

    it("escapes '%', ':' and ',' in the file property", () => {
      const name = write('gh/10-a,b:c%.conf', 'x\n');
      const result = gh([name]);
      assert.match(result.stdout, /^::error file=gh\/10-a%2Cb%3Ac%25\.conf,line=1,col=1,endLine=1,endColumn=2,title=syntax-error::Line is not a setting/);
    });

    it('escapes a carriage return inside a message (a lone-CR value that only procps keeps)', () => {
      const root = buildTree(join(dir(), 'gh-root'), { '/etc/sysctl.d/10-cr.conf': 'vm.swappiness = 11\rkernel.domainname = x\n' });
      const result = gh(['system', '--root', root]);
      const divergence = result.stdout.split('\n').find((l) => l.startsWith('::warning') && l.includes('sysctl --system ends with'));
      assert.ok(divergence, result.stdout);
      assert.ok(divergence.includes('vm.swappiness = 11%0Dkernel.domainname = x'), divergence);
      assert.ok(!/\r/.test(result.stdout), 'no raw CR in the output');
      for (const line of result.stdout.trimEnd().split('\n')) assert.match(line, /^::(error|warning|notice) file=/);
    });

    it('escapes %, CR and LF in messages and also : and , in properties (formatter)', () => {
      const out = formatGithub([
        {
          path: 'a:b,c%d.conf',
          text: 'x\n',
          findings: [
            {
              ruleId: 'syntax-error',
              severity: 'info',
              message: '100% sure:\r\nline two, three\rfour\nfive',
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
            },
          ],
        },
      ]);
      assert.equal(out, '::notice file=a%3Ab%2Cc%25d.conf,line=1,col=1,endLine=1,endColumn=2,title=syntax-error::100%25 sure:%0D%0Aline two, three%0Dfour%0Afive\n');
    });
  });
});

describe('sysctl-lint output formats (in process)', () => {
  // Spreading every problem into one call (Math.max(...widths)) overflowed the stack past about 100,000.
  it('stylish, compact, JSON and GitHub take 200,000 problems in one file', () => {
    const findings = Array.from({ length: 200_000 }, (_, line) => ({
      ruleId: 'unknown-key' as const,
      severity: 'warning' as const,
      message: `Unknown key 'vendor.k${line}'.`,
      range: { start: { line, character: 0 }, end: { line, character: 10 } },
    }));
    const report = { path: 'big.conf', text: findings.map((f) => `vendor.k${f.range.start.line} = 1\n`).join(''), findings };
    const formats = { stylish: formatStylish, compact: formatCompact, json: formatJson, github: formatGithub };
    for (const [name, format] of Object.entries(formats)) {
      const out = format([report], { color: false, version: '0.0.0', cwd: REPO_ROOT });
      assert.ok(out.includes('vendor.k199999'), `${name} names the last problem`);
    }
  });
});
