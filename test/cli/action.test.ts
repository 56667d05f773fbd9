import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { REPO_ROOT } from '../helpers/paths';
import { useTempDir } from '../helpers/tempDir';

const ENTRY = join(REPO_ROOT, 'action', 'main.mjs');

/** Runs the action's entry point as the runner does: inputs as INPUT_<NAME>, cwd the workspace. */
function runAction(workspace: string, inputs: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: join(workspace, 'github-output'), ...extraEnv };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  writeFileSync(join(workspace, 'github-output'), '');
  const result = spawnSync(process.execPath, [ENTRY], { cwd: workspace, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

describe('the GitHub Action (action.yml and its entry point)', () => {
  const dir = useTempDir('sysctl-action');
  const bad = 'net.core.somaxconn = 4096\nnet.ipv4.tcp_tw_recycle = 1\nnet.ipv4.tcp_syncookies = 3\n';

  function workspace(name: string): string {
    const root = join(dir(), name);
    mkdirSync(join(root, 'etc', 'sysctl.d'), { recursive: true });
    writeFileSync(join(root, 'etc', 'sysctl.d', '10-bad.conf'), bad);
    writeFileSync(join(root, 'etc', 'sysctl.conf'), 'vm.swappiness = 10\n');
    return root;
  }

  it('is valid YAML that passes every declared input to the entry point under the name the runner uses', () => {
    const action = load(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string }>;
      runs: { using: string; steps: Array<{ run: string; env?: Record<string, string> }> };
    };
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'kernel', 'profile', 'format', 'sarif-file']);
    assert.equal(action.runs.using, 'composite');
    const entry = action.runs.steps.find((step) => step.run.includes('action/main.mjs'));
    assert.ok(entry, 'a step runs action/main.mjs');
    const expected = Object.fromEntries(Object.keys(action.inputs).map((name) => [`INPUT_${name.toUpperCase()}`, `\${{ inputs.${name} }}`]));
    assert.deepEqual(entry.env, expected);
  });

  it('annotates the findings, writes the SARIF report and fails on errors', () => {
    const root = workspace('annotate');
    const run = runAction(root, { paths: 'etc/sysctl.conf\netc/sysctl.d\n', kernel: '6.8', profile: '', format: 'github', 'sarif-file': 'reports/sysctl.sarif' });
    assert.equal(run.status, 1, run.stderr);
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    assert.ok(
      annotations.some((a) =>
        /^::error file=etc\/sysctl\.d\/10-bad\.conf,line=2,col=1,endLine=2,endColumn=\d+,title=removed-key::'net\.ipv4\.tcp_tw_recycle' was removed in Linux 4\.12; on target kernel 6\.8/.test(
          a,
        ),
      ),
      run.stdout,
    );
    assert.ok(
      annotations.some((a) => /^::warning file=etc\/sysctl\.d\/10-bad\.conf,line=3,.*title=suspicious-value::/.test(a)),
      run.stdout,
    );
    assert.ok(!annotations.some((a) => a.includes('file=etc/sysctl.conf')), 'the clean file has no annotation');

    const sarifPath = join(root, 'reports', 'sysctl.sarif');
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
    const removed = results.find((r) => r.ruleId === 'removed-key');
    assert.ok(removed);
    assert.equal(removed.level, 'error');
    assert.equal(removed.locations[0].physicalLocation.artifactLocation.uri, 'etc/sysctl.d/10-bad.conf');
    assert.equal(removed.locations[0].physicalLocation.region.startLine, 2);
    assert.equal(readFileSync(join(root, 'github-output'), 'utf8'), `sarif-file=${sarifPath}\n`);
  });

  it('exits 0 without annotations on clean files, and honours the kernel input', () => {
    const root = workspace('clean');
    writeFileSync(join(root, 'etc', 'sysctl.d', '10-bad.conf'), 'net.ipv4.tcp_tw_recycle = 1\n');
    // tcp_tw_recycle still exists on 4.4: nothing to report there.
    const run = runAction(root, { paths: 'etc/sysctl.d', kernel: '4.4', profile: '', format: 'github', 'sarif-file': '' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout.split('\n').filter((line) => line.startsWith('::error')).length, 0, run.stdout);
  });

  it('passes --profile only when the input is set', () => {
    const root = workspace('profile');
    const fakeCli = join(root, 'fake-cli.js');
    writeFileSync(fakeCli, 'process.stdout.write(JSON.stringify(process.argv.slice(2)) + "\\n");');
    const argv = (profile: string) => JSON.parse(runAction(root, { paths: 'etc', kernel: '', profile, format: 'compact', 'sarif-file': '' }, { SYSCTL_LINT_CLI: fakeCli }).stdout);
    assert.deepEqual(argv(''), ['--format', 'compact', '--', 'etc']);
    assert.deepEqual(argv('k8s-node'), ['--format', 'compact', '--profile', 'k8s-node', '--', 'etc']);
  });

  it('runs a real profile given as input, and its findings reach the annotations and SARIF', () => {
    const root = workspace('real-profile');
    writeFileSync(join(root, 'etc', 'sysctl.d', '10-bad.conf'), 'net.ipv4.ip_forward = 1\n');
    const run = runAction(root, { paths: 'etc/sysctl.d', kernel: '', profile: 'cis', format: 'github', 'sarif-file': 'out.sarif' });
    assert.match(run.stdout, /^::warning file=etc\/sysctl\.d\/10-bad\.conf,line=1,.*title=cis\/net\.ipv4\.ip_forward::/m);
    const sarif = JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8'));
    assert.deepEqual(
      sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId),
      ['cis/net.ipv4.ip_forward'],
    );
  });

  it('reports an empty paths input as one error annotation, exit 2', () => {
    const run = runAction(workspace('empty'), { paths: ' \n', kernel: '', profile: '', format: 'github', 'sarif-file': '' });
    assert.equal(run.status, 2);
    assert.match(run.stdout, /^::error title=sysctl-lint::the 'paths' input is empty/);
  });
});
