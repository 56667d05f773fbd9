import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import { buildTree } from '../helpers/systemTree';
import { useTempDir } from '../helpers/tempDir';

const TW_RECYCLE = 'net.ipv4.tcp_tw_recycle = 1\n';
const SEMICOLON = '; an old-style comment\nvm.swappiness = 10\n';

/** `RULE` of each `... [RULE]` line with its severity: `error removed-key`. */
function findings(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /: (error|warning|info): .* \[([a-z-]+)\]$/.exec(line);
      assert.ok(m, line);
      return `${m[1]} ${m[2]}`;
    });
}

function assertOneLineError(result: { stdout: string; stderr: string; status: number | null }, message: RegExp): void {
  assert.equal(result.status, 2, result.stdout + result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^sysctl-lint: [^\n]+\n$/);
  assert.match(result.stderr, message);
}

describe('sysctl-lint configuration: .sysctl-lint.json, --config, --rule, --kernel (process)', () => {
  const dir = useTempDir('sysctl-config');
  const write = (name: string, text: string): string => {
    const path = join(dir(), name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const json = (value: unknown) => JSON.stringify(value, null, 2);

  describe('discovery', () => {
    before(() => {
      write('repo/.sysctl-lint.json', json({ rules: { 'tool-divergence': 'error' } }));
      write('repo/hosts/web/.sysctl-lint.json', json({ rules: { 'tool-divergence': 'off' } }));
      write('repo/hosts/db/sysctl.d/10-db.conf', SEMICOLON);
      write('repo/hosts/web/sysctl.d/10-web.conf', SEMICOLON);
      write('outside/10-x.conf', SEMICOLON);
      write('cwd/.sysctl-lint.json', json({ rules: { 'tool-divergence': 'info' } }));
    });

    it('finds the nearest .sysctl-lint.json upward from each linted file, not from the working directory', () => {
      const cwd = join(dir(), 'cwd');
      const db = runCli([join(dir(), 'repo/hosts/db/sysctl.d/10-db.conf')], { cwd });
      assert.deepEqual(findings(db.stdout), ['error tool-divergence'], 'repo/.sysctl-lint.json, two levels up');
      assert.equal(db.status, 1);
      const web = runCli([join(dir(), 'repo/hosts/web/sysctl.d/10-web.conf')], { cwd });
      assert.deepEqual([web.stdout, web.status], ['', 0], 'the nearer hosts/web/.sysctl-lint.json wins');
      const outside = runCli([join(dir(), 'outside/10-x.conf')], { cwd });
      assert.deepEqual(findings(outside.stdout), ['warning tool-divergence'], 'no config above it: defaults');
    });

    it('applies each file its own config in one run', () => {
      const result = runCli(['repo/hosts/db/sysctl.d', 'repo/hosts/web/sysctl.d', 'outside'], { cwd: dir() });
      assert.deepEqual(findings(result.stdout), ['error tool-divergence', 'warning tool-divergence']);
    });

    it('--config uses one file for every input instead', () => {
      const strict = write('configs/strict.json', json({ rules: { 'tool-divergence': 'error' } }));
      const result = runCli(['--config', strict, 'repo/hosts/web/sysctl.d', 'outside'], { cwd: dir() });
      assert.deepEqual(findings(result.stdout), ['error tool-divergence', 'error tool-divergence']);
      assert.equal(runCli(['-c', strict, 'outside'], { cwd: dir() }).status, 1);
    });

    it('--print-config FILE prints the settings that file gets and where they came from', () => {
      const printed = runCli(['--print-config', 'repo/hosts/db/sysctl.d/10-db.conf'], { cwd: dir() });
      assert.equal(printed.status, 0);
      assert.deepEqual(JSON.parse(printed.stdout), { configFile: join(dir(), 'repo/.sysctl-lint.json'), rules: { 'tool-divergence': 'error' }, sizing: {} });
      const merged = JSON.parse(runCli(['--print-config', 'repo/hosts/web/sysctl.d/10-web.conf', '--rule', 'syntax-error=warning', '--kernel', '5.15'], { cwd: dir() }).stdout);
      assert.deepEqual(merged, {
        configFile: join(dir(), 'repo/hosts/web/.sysctl-lint.json'),
        rules: { 'tool-divergence': 'off', 'syntax-error': 'warning' },
        sizing: {},
        kernelVersion: '5.15',
      });
      const none = JSON.parse(runCli(['--print-config', join(dir(), 'outside/10-x.conf')], { cwd: dir() }).stdout);
      assert.deepEqual(none, { configFile: null, rules: {}, sizing: {} });
    });

    it('--print-config does not need the file to exist (a file about to be written)', () => {
      const printed = JSON.parse(runCli(['--print-config', 'repo/hosts/new/99-new.conf'], { cwd: dir() }).stdout);
      assert.equal(printed.configFile, join(dir(), 'repo/.sysctl-lint.json'));
    });

    it('applies to system --root trees, found from each file of the tree', () => {
      const root = buildTree(join(dir(), 'image'), {
        '/.sysctl-lint.json': json({ rules: { overridden: 'off', 'tool-divergence': 'off' } }),
        '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 1\n',
        '/usr/lib/sysctl.d/20-b.conf': 'vm.swappiness = 2\n',
      });
      const result = runCli(['system', '--root', root]);
      assert.deepEqual([result.stdout, result.status], ['', 0]);
      assert.match(runCli(['system', '--root', root, '--rule', 'overridden=warning']).stdout, /warning: Overridden: /);
    });
  });

  describe('--rule', () => {
    it('sets a severity per rule, repeatable, and beats the config file', () => {
      const file = write('rule/a.conf', SEMICOLON + 'broken\n');
      write('rule/.sysctl-lint.json', json({ rules: { 'tool-divergence': 'error' } }));
      assert.deepEqual(findings(runCli([file]).stdout), ['error tool-divergence', 'error syntax-error']);
      const lowered = runCli([file, '--rule', 'tool-divergence=info', '--rule=syntax-error=warning']);
      assert.deepEqual(findings(lowered.stdout), ['info tool-divergence', 'warning syntax-error']);
      assert.equal(lowered.status, 0);
      const off = runCli([file, '--rule', 'tool-divergence=off', '--rule', 'syntax-error=off']);
      assert.deepEqual([off.stdout, off.status], ['', 0]);
    });

    it('refuses an unknown rule, an unknown severity and a malformed pair with exit 2', () => {
      const file = write('rule/b.conf', SEMICOLON);
      assertOneLineError(runCli([file, '--rule', 'no-such-rule=error']), /--rule: unknown rule 'no-such-rule'/);
      assertOneLineError(runCli([file, '--rule', 'tool-divergence=fatal']), /'tool-divergence' must be off, info, warning or error/);
      assertOneLineError(runCli([file, '--rule', 'tool-divergence']), /--rule takes RULE=SEVERITY/);
      assertOneLineError(runCli([file, '--rule', '=error']), /--rule takes RULE=SEVERITY/);
    });
  });

  describe('--kernel and kernelVersion', () => {
    it('net.ipv4.tcp_tw_recycle is removed-key on the default kernel but not on 4.9', () => {
      const file = write('kernel/tw.conf', TW_RECYCLE);
      const byDefault = runCli([file]);
      assert.equal(byDefault.status, 1);
      assert.ok(findings(byDefault.stdout).includes('error removed-key'), byDefault.stdout);
      assert.match(byDefault.stdout, /removed in Linux 4\.12/);
      const old = runCli([file, '--kernel', '4.9']);
      assert.ok(!findings(old.stdout).some((f) => f.endsWith('removed-key')), old.stdout);
      assert.equal(old.status, 0);
      assert.ok(findings(runCli([file, '--kernel=4.12']).stdout).includes('error removed-key'));
    });

    it('kernelVersion in the config file, and --kernel over it', () => {
      const file = write('kernel-config/tw.conf', TW_RECYCLE);
      write('kernel-config/.sysctl-lint.json', json({ kernelVersion: '4.9' }));
      assert.ok(!findings(runCli([file]).stdout).some((f) => f.endsWith('removed-key')));
      assert.ok(findings(runCli([file, '--kernel', '6.8']).stdout).includes('error removed-key'));
    });

    it('refuses a kernel version it cannot read with exit 2', () => {
      const file = write('kernel/x.conf', TW_RECYCLE);
      assertOneLineError(runCli([file, '--kernel', 'latest']), /^sysctl-lint: --kernel/);
      write('kernel-bad/.sysctl-lint.json', json({ kernelVersion: 6.8 }));
      assertOneLineError(runCli([write('kernel-bad/x.conf', TW_RECYCLE)]), /kernelVersion must be a string/);
    });
  });

  describe('a bad config file is exit 2 with one line', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['not JSON', '{"rules": {', /config '.*\.sysctl-lint\.json' is not valid JSON/],
      ['not an object', '["rules"]', /must hold a JSON object/],
      ['an unknown setting', json({ rulez: {} }), /unknown setting 'rulez'/],
      ['an unknown rule', json({ rules: { 'no-such-rule': 'error' } }), /rules: unknown rule 'no-such-rule'/],
      ['a bad severity', json({ rules: { 'syntax-error': 'fatal' } }), /'syntax-error' must be off, info, warning or error/],
      ['rules that are not an object', json({ rules: ['syntax-error'] }), /rules must be an object/],
      ['a bad sizing entry', json({ sizing: { ram: '1GiB' } }), /unknown sizing setting 'ram'/],
      ['an unknown profile', json({ profiles: ['cis', 'nist'] }), /profiles: unknown profile 'nist' \(choose cis, kspp, khc, lynis, devsec\)/],
      ['profiles that are not a list of names', json({ profiles: [1] }), /profiles must be a list of profile names/],
      ['an unknown role', json({ profiles: ['cis'], roles: ['web'] }), /roles: unknown role 'web' \(choose router, container-host\)/],
      ['a profile rule of a key the profile does not check', json({ rules: { 'cis/vm.swappiness': 'error' } }), /rules: unknown rule 'cis\/vm\.swappiness'/],
    ];
    cases.forEach(([what, text, message], i) => {
      it(`discovered: ${what}`, () => {
        write(`bad-${i}/.sysctl-lint.json`, text);
        const file = write(`bad-${i}/sub/a.conf`, 'vm.swappiness = 1\n');
        assertOneLineError(runCli([file]), message);
        assertOneLineError(runCli(['--print-config', file]), message);
      });
    });

    it('given with --config, or missing', () => {
      const bad = write('bad-explicit.json', '{ nope');
      const file = write('fine/a.conf', 'vm.swappiness = 1\n');
      assertOneLineError(runCli(['--config', bad, file]), /^sysctl-lint: config '.*bad-explicit\.json' is not valid JSON/);
      assertOneLineError(runCli(['--config', join(dir(), 'missing.json'), file]), /cannot read config '.*missing\.json': no such file or directory/);
    });
  });
});
