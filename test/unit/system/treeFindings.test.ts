import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { ConfigEntry, SystemTree } from '../../../server/src/engine';
import { effectiveConfiguration, FLAVORS, focusedOn, overriddenFindingsByFile, parseDocument, systemFindings } from '../../../server/src/engine';

/** A tree of files `path → text`; with `parsed`, each entry carries its parse as an editor would give it. */
function treeOf(files: Record<string, string>, parsed: boolean): SystemTree {
  const directories = new Map<string, ConfigEntry[]>();
  let sysctlConf: ConfigEntry | undefined;
  for (const [path, text] of Object.entries(files)) {
    const slash = path.lastIndexOf('/');
    const entry: ConfigEntry = { name: path.slice(slash + 1), path, kind: 'file', text, realPath: path, ...(parsed ? { parsed: parseDocument(text) } : {}) };
    if (path === '/etc/sysctl.conf') sysctlConf = entry;
    else directories.set(path.slice(0, slash), [...(directories.get(path.slice(0, slash)) ?? []), entry]);
  }
  return { directories, sysctlConf };
}

/** Findings per file without the file objects (which differ between the two trees). */
function plain(byFile: Map<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries([...byFile].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const line = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'b', 'c.d', 'c/d', 'e'), fc.constantFrom('1', '2', ' 1')).map(([key, value]) => `${key} =${value}`),
  fc.constantFrom('-a', '-c.d', '- b = 3', '--e = 1', '# note', '', 'a = 1\r', 'b = 2\r\n', 'a = 3\rb = 4', '\uFEFFa = 5', 'c/d.e = 6'),
);
const text = fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n') + '\n');
const files = fc.record(
  {
    '/etc/sysctl.d/10-a.conf': text,
    '/etc/sysctl.d/50-b.conf': text,
    '/usr/lib/sysctl.d/50-b.conf': text,
    '/usr/lib/sysctl.d/90-c.conf': text,
    '/etc/sysctl.conf': text,
  },
  { requiredKeys: [] },
);

/** An effective configuration with its file objects named by path, to compare trees built apart. */
function effectiveOf(tree: SystemTree) {
  return FLAVORS.map((flavor) =>
    effectiveConfiguration(tree, flavor).settings.map((setting) => ({
      ...setting,
      source: { ...setting.source, file: setting.source.file.path },
      overrides: setting.overrides.map((source) => ({ ...source, file: source.file.path })),
    })),
  );
}

describe('findings of a machine tree', () => {
  it('the effective configuration is the same from the texts and from the editor parses (property)', () => {
    fc.assert(
      fc.property(files, (tree) => {
        assert.deepEqual(effectiveOf(treeOf(tree, true)), effectiveOf(treeOf(tree, false)));
      }),
      { numRuns: 1500, seed: 20261205 },
    );
  });

  it("the editor's overridden findings equal those of sysctl-lint system, which leaves out the packages' files, with or without the parses (property)", () => {
    let withOverridden = 0;
    fc.assert(
      fc.property(files, (tree) => {
        const fromText = FLAVORS.map((flavor) => effectiveConfiguration(treeOf(tree, false), flavor));
        const fromParsed = FLAVORS.map((flavor) => effectiveConfiguration(treeOf(tree, true), flavor));
        const everything = plain(systemFindings(fromText));
        const overriddenOnly = Object.fromEntries(
          Object.entries(everything)
            .map(([path, found]) => [path, found.filter((f) => (f as { ruleId: string }).ruleId === 'overridden')] as const)
            .filter(([, found]) => found.length > 0),
        );
        if (Object.keys(overriddenOnly).length > 0) withOverridden++;
        const inEtc = (byFile: Map<string, unknown[]>) => Object.fromEntries(Object.entries(plain(byFile)).filter(([path]) => path.startsWith('/etc/')));
        assert.deepEqual(inEtc(overriddenFindingsByFile(fromText)), overriddenOnly);
        assert.deepEqual(inEtc(overriddenFindingsByFile(fromParsed)), overriddenOnly);
        assert.deepEqual(plain(systemFindings(fromParsed)), everything);
      }),
      { numRuns: 1500, seed: 20261204 },
    );
    assert.ok(withOverridden > 300, `trees with overridden findings: ${withOverridden}`);
  });

  it('a tree focused on one file gives that file the same findings, with its lines no other file touches left out (property)', () => {
    let leftOut = 0;
    fc.assert(
      fc.property(files, fc.boolean(), fc.boolean(), (texts, parsed, linked) => {
        const tree = treeOf(texts, parsed);
        // /etc/sysctl.d/99-sysctl.conf as a link to /etc/sysctl.conf (procps then reads it twice).
        if (linked && tree.sysctlConf) {
          const etc = [...(tree.directories.get('/etc/sysctl.d') ?? [])];
          etc.push({ ...tree.sysctlConf, name: '99-sysctl.conf', path: '/etc/sysctl.d/99-sysctl.conf' });
          (tree.directories as Map<string, ConfigEntry[]>).set('/etc/sysctl.d', etc);
        }
        const whole = overriddenFindingsByFile(FLAVORS.map((flavor) => effectiveConfiguration(tree, flavor)));
        for (const path of Object.keys(texts)) {
          const focused = focusedOn(tree, path);
          const target = [...focused.directories.values()]
            .flat()
            .concat(focused.sysctlConf ?? [])
            .find((entry) => entry.path === path);
          leftOut += target?.parsed?.lines.filter((line, index) => line !== parseDocument(target.text).lines[index] && line.kind === 'blank').length ?? 0;
          const mine = overriddenFindingsByFile(FLAVORS.map((flavor) => effectiveConfiguration(focused, flavor))).get(path);
          assert.deepEqual(mine ?? [], whole.get(path) ?? [], path);
        }
      }),
      { numRuns: 1500, seed: 20261206 },
    );
    assert.ok(leftOut > 500, `lines left out: ${leftOut}`);
  });

  it("one package's file overriding another's is left out of sysctl-lint system, kept beside the file in the editor", () => {
    const tree = treeOf(
      {
        '/usr/lib/sysctl.d/50-default.conf': 'kernel.core_pattern = |/usr/lib/systemd/systemd-coredump %P\nkernel.panic = 10\n',
        '/usr/lib/sysctl.d/50-redhat.conf': 'kernel.core_pattern = core\n',
        '/etc/sysctl.d/10-admin.conf': 'vm.swappiness = 10\n',
        '/etc/sysctl.d/90-tuning.conf': 'vm.swappiness = 1\nkernel.panic = 20\n',
      },
      false,
    );
    const configurations = FLAVORS.map((flavor) => effectiveConfiguration(tree, flavor));
    assert.deepEqual(Object.keys(plain(systemFindings(configurations))), ['/etc/sysctl.d/10-admin.conf']);
    assert.deepEqual(Object.keys(plain(overriddenFindingsByFile(configurations))), ['/etc/sysctl.d/10-admin.conf', '/usr/lib/sysctl.d/50-default.conf']);
  });

  it("an exclusion in a later file drops an admin's assignment under systemd: a warning on the assignment, in place of the divergence", () => {
    const tree = treeOf(
      {
        '/etc/sysctl.d/10-my.conf': 'net.ipv4.conf.all.rp_filter = 1\nvm.swappiness = 10\n',
        '/usr/lib/sysctl.d/50-default.conf': 'net.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\n',
      },
      false,
    );
    const configurations = FLAVORS.map((flavor) => effectiveConfiguration(tree, flavor));
    const findings = plain(systemFindings(configurations)) as Record<string, Array<{ ruleId: string; severity: string; message: string; range: { start: { line: number } } }>>;
    assert.deepEqual(Object.keys(findings), ['/etc/sysctl.d/10-my.conf']);
    assert.deepEqual(
      findings['/etc/sysctl.d/10-my.conf'].map((f) => [f.range.start.line, f.ruleId, f.severity]),
      [[0, 'overridden', 'warning']],
    );
    assert.match(
      findings['/etc/sysctl.d/10-my.conf'][0].message,
      /systemd-sysctl never writes this: \/usr\/lib\/sysctl\.d\/50-default\.conf:2 excludes net\.ipv4\.conf\.all\.rp_filter later/,
    );
    assert.deepEqual(plain(overriddenFindingsByFile([effectiveConfiguration(tree, 'systemd')])), plain(overriddenFindingsByFile(configurations)), 'the editor shows it too');
  });

  it('a later file that writes the same value overrides nothing (for either tool)', () => {
    const tree = treeOf({ '/etc/sysctl.d/17-a.conf': 'kernel.panic = 10\n', '/etc/sysctl.d/26-b.conf': 'kernel.panic = 10\nvm.swappiness = 10\n' }, false);
    const findings = systemFindings(FLAVORS.map((flavor) => effectiveConfiguration(tree, flavor)));
    assert.deepEqual(plain(findings), {});
    const changed = treeOf({ '/etc/sysctl.d/17-a.conf': 'kernel.panic = 10\n', '/etc/sysctl.d/26-b.conf': 'kernel.panic = 20\n' }, false);
    const overridden = plain(systemFindings(FLAVORS.map((flavor) => effectiveConfiguration(changed, flavor))));
    assert.deepEqual(Object.keys(overridden), ['/etc/sysctl.d/17-a.conf']);
  });
});
