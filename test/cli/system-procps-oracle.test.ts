import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { createRandom } from '../helpers/random';
import { runCli } from '../helpers/runCli';
import type { TreeNode } from '../helpers/systemTree';
import { buildTree, directory, hostHasMergedUsr, link, procpsAppliedFiles, procpsFinalSettings, stripSources } from '../helpers/systemTree';
import { useTempDir } from '../helpers/tempDir';

/**
 * `sysctl-lint system --flavor procps --print-effective` must end where procps `sysctl --system`
 * ends. procps runs in a private mount namespace where each fixture directory (and the fixture
 * /etc/sysctl.conf) is bind-mounted over the real one and /proc/sys is read-only. A directory the
 * host lacks (often /run/sysctl.d and /usr/local/lib/sysctl.d) is created inside an overlay whose
 * upper layer is a tmpfs, so nothing outside the namespace changes; the script refuses to create
 * anything on a file system that is not that overlay. `--dry-run` comes before `--system`: on
 * procps 4.0.2 `sysctl --system --dry-run` ignores the dry run and writes.
 */
const SANDBOX = String.raw`set -u
F=$1; S=$2
mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys || exit 99
findmnt -no OPTIONS /proc/sys | grep -q '^ro' || exit 98
mount -t tmpfs sysctl-lint-oracle "$S" || exit 97
mkdir "$S/empty"
n=0
# Creates PATH (kind d or f) inside the namespace only: overlay over its nearest existing ancestor.
materialize() {
  a=$(dirname "$1")
  while [ ! -d "$a" ]; do a=$(dirname "$a"); done
  n=$((n + 1)); mkdir "$S/u$n" "$S/w$n"
  mount -t overlay overlay -o "lowerdir=$a,upperdir=$S/u$n,workdir=$S/w$n" "$a" || exit 96
  [ "$(stat -f -c %T "$a")" = overlayfs ] || exit 95
  if [ "$2" = d ]; then mkdir -p "$1"; else mkdir -p "$(dirname "$1")" && : > "$1"; fi || exit 94
}
bound=' '
for d in /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d /lib/sysctl.d; do
  real=$(readlink -f "$d" 2>/dev/null || echo "$d")
  case "$bound" in *" $real "*) continue ;; esac
  src="$F$d"; [ -d "$src" ] || src="$S/empty"
  [ -d "$d" ] || materialize "$d" d
  mount --bind "$src" "$d" || exit 93
  bound="$bound$(readlink -f "$d") "
done
if [ -e "$F/etc/sysctl.conf" ]; then
  [ -e /etc/sysctl.conf ] || materialize /etc/sysctl.conf f
  mount --bind "$F/etc/sysctl.conf" /etc/sysctl.conf || exit 93
elif [ -e /etc/sysctl.conf ]; then
  mount --bind /dev/null /etc/sysctl.conf || exit 93
fi
exec sysctl --dry-run --system`;

/** The sysctl.d directories procps reads (it also reads /lib/sysctl.d, which merged /usr makes /usr/lib/sysctl.d). */
const DIRECTORIES = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d'] as const;

const SANDBOX_FAILURES: Record<number, string> = {
  99: 'could not make /proc/sys read-only',
  98: '/proc/sys is not read-only',
  97: 'could not mount the scratch tmpfs',
  96: 'could not mount an overlay to create a missing directory',
  95: 'the overlay is not in place; refusing to create anything',
  94: 'could not create a mount point inside the overlay',
  93: 'a bind mount failed',
};

function procpsSystem(root: string, scratch: string): { stdout: string; stderr: string } {
  mkdirSync(scratch, { recursive: true });
  const result = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', SANDBOX, 'sh', root, scratch], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const failure = result.status === null ? undefined : SANDBOX_FAILURES[result.status];
  if (failure) throw new Error(`procps sandbox: ${failure}: ${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

/** root, unshare, procps, a read-only /proc/sys and, when a directory is missing here, overlayfs. */
function sandboxWorks(scratch: string): boolean {
  if (!commandExists('sysctl', ['--version']) || !commandExists('unshare', ['--version'])) return false;
  mkdirSync(scratch, { recursive: true });
  const needsOverlay = [...DIRECTORIES, '/etc/sysctl.conf'].some((path) => !existsSync(path));
  const overlay = `mkdir "$0/l" "$0/u" "$0/w" "$0/m" && mount -t overlay overlay -o "lowerdir=$0/l,upperdir=$0/u,workdir=$0/w" "$0/m"`;
  const script = `mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys && mount -t tmpfs probe "$0"${needsOverlay ? ` && ${overlay}` : ''}`;
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, scratch], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Keys of this kernel that procps' dry run accepts: they exist and have the owner-write bit. */
function writableKeys(): string[] {
  const names = spawnSync('sysctl', ['-N', '-a'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return names.filter((name) => {
    if (name.includes('/') || /[*?[\s]/.test(name)) return false;
    const path = '/proc/sys/' + name.replace(/\./g, '/');
    try {
      return (statSync(path).mode & 0o200) !== 0;
    } catch {
      return false;
    }
  });
}

describe('sysctl-lint system --print-effective agrees with procps sysctl --system', function () {
  this.timeout(60_000);
  const dir = useTempDir('sysctl-system-oracle');
  let keys: string[] = [];
  let merged = false;

  before(function () {
    requireOrSkip(this, sandboxWorks(join(dir(), 'probe')), 'procps sysctl in a private mount namespace with a read-only /proc/sys and overlayfs (root and unshare)');
    keys = writableKeys();
    assert.ok(keys.length > 50, `expected many writable keys, found ${keys.length}`);
    merged = hostHasMergedUsr();
  });

  /** Builds the tree, runs both, and compares the final settings. */
  function compare(name: string, spec: Record<string, TreeNode>): { procps: string; lint: string } {
    const root = join(dir(), name, 'root');
    // Mirror the host: on merged /usr, /lib/sysctl.d is /usr/lib/sysctl.d for procps as well.
    buildTree(root, { ...(merged ? { '/lib': link('usr/lib') } : {}), ...spec });
    const procps = procpsSystem(root, join(dir(), name, 'scratch'));
    const lint = runCli(['system', '--root', root, '--flavor', 'procps', '--print-effective']);
    assert.equal(lint.status, 0, lint.stderr);
    assert.equal(lint.stderr, '');
    const expected = procpsFinalSettings(procps.stdout);
    assert.ok(expected.length > 0, `procps applied nothing: ${procps.stderr}`);
    assert.deepEqual(stripSources(lint.stdout), expected, `${name}\nprocps:\n${procps.stdout}${procps.stderr}\nsysctl-lint:\n${lint.stdout}`);
    return { procps: procps.stdout, lint: lint.stdout };
  }

  it('on a tree with masking by name, /dev/null and empty masks, byte order across directories and sysctl.conf', () => {
    const k = (i: number) => keys[(i * 7919) % keys.length];
    const slash = (key: string) => key.replace(/\./g, '/');
    const result = compare('scenario', {
      // same name: /etc hides /usr/lib (M8)
      '/etc/sysctl.d/10-a.conf': `${k(0)} = 2\n${k(1)} = etc-10-a\n`,
      '/usr/lib/sysctl.d/10-a.conf': `${k(0)} = 1\n${k(9)} = never-read\n`,
      // byte order across directories: 10-a < 9-x (M10), 50-x < 50 (since '-' < '.')
      '/usr/lib/sysctl.d/9-x.conf': `${k(0)} = nine\n${k(2)} = 9-x\n`,
      '/run/sysctl.d/50-x.conf': `${k(3)} = 50-x\n`,
      '/usr/local/lib/sysctl.d/50.conf': `${k(3)} = 50\n`,
      // masks: a /dev/null symlink (M9) and an empty file hide same-named vendor files
      '/etc/sysctl.d/30-c.conf': link('/dev/null'),
      '/usr/local/lib/sysctl.d/30-c.conf': `${k(4)} = masked-by-dev-null\n`,
      '/run/sysctl.d/40-e.conf': '',
      '/usr/lib/sysctl.d/40-e.conf': `${k(5)} = masked-by-empty\n`,
      // hidden files are read by procps (M12) and sort before digits
      '/etc/sysctl.d/.hidden.conf': `${k(6)} = hidden\n${k(2)} = hidden-first\n`,
      // not *.conf: ignored (M16); a directory named *.conf reads as nothing (M15)
      '/etc/sysctl.d/README': `${k(8)} = readme\n`,
      '/etc/sysctl.d/40-d.conf.disabled': `${k(8)} = disabled\n`,
      '/etc/sysctl.d/45-dir.conf': directory,
      // upper case sorts before lower case (M11)
      '/usr/lib/sysctl.d/A-upper.conf': `${k(10)} = 100\n`,
      '/usr/lib/sysctl.d/a-lower.conf': `${k(10)} = 200\n`,
      // duplicates: same key twice in a file, in slash spelling, with the same value again
      '/usr/lib/sysctl.d/60-dup.conf': `${k(11)} = first\n${k(12)} = same\n${slash(k(11))} = slash\n${k(12)} = same\n`,
      // an absolute symlink to a file with another name, which procps also reads under its own name
      '/etc/sysctl.d/70-link.conf': link('/usr/lib/sysctl.d/65-target.conf'),
      '/usr/lib/sysctl.d/65-target.conf': `${k(13)} = target\n`,
      // sysctl.conf both through the 99-sysctl.conf symlink and last (M14): it beats zz-last.conf
      '/etc/sysctl.d/99-sysctl.conf': link('../sysctl.conf'),
      '/etc/sysctl.d/zz-last.conf': `${k(1)} = 77\n${k(14)} = zz\n`,
      '/etc/sysctl.conf': `# the admin's file\n${k(1)} = 99\n${k(7)} = conf\n`,
    });
    // procps read what the model says, in that order
    assert.deepEqual(procpsAppliedFiles(result.procps), [
      '/etc/sysctl.d/.hidden.conf',
      '/etc/sysctl.d/10-a.conf',
      '/etc/sysctl.d/30-c.conf',
      '/run/sysctl.d/40-e.conf',
      '/etc/sysctl.d/45-dir.conf',
      '/run/sysctl.d/50-x.conf',
      '/usr/local/lib/sysctl.d/50.conf',
      '/usr/lib/sysctl.d/60-dup.conf',
      '/usr/lib/sysctl.d/65-target.conf',
      '/etc/sysctl.d/70-link.conf',
      '/usr/lib/sysctl.d/9-x.conf',
      '/etc/sysctl.d/99-sysctl.conf',
      '/usr/lib/sysctl.d/A-upper.conf',
      '/usr/lib/sysctl.d/a-lower.conf',
      '/etc/sysctl.d/zz-last.conf',
      '/etc/sysctl.conf',
    ]);
    assert.match(result.lint, new RegExp(`^${k(1).replace(/\./g, '\\.')} = 99 # /etc/sysctl\\.conf:2$`, 'm'));
  });

  it('on lines procps and editors split differently: lone CR, NUL, BOM, --key, - key, CRLF', () => {
    const k = (i: number) => keys[(i * 104729) % keys.length];
    compare('lines', {
      '/etc/sysctl.d/10-cr.conf': `${k(0)} = 11\r${k(1)} = after-cr\n${k(2)} = crlf\r\n${k(3)} = last`,
      '/etc/sysctl.d/20-nul.conf': `${k(4)} = ab\0cd\n${k(5)} = x\0${k(6)} = y\n`,
      '/run/sysctl.d/30-bom.conf': `\uFEFF${k(7)} = bom\n${k(8)} = after-bom\n`,
      '/usr/lib/sysctl.d/40-dash.conf': `--${k(9)} = double-dash\n- ${k(10)} = space-after-dash\n-${k(11)} = ignore-errors\n  -${k(12)}\n`,
      '/usr/local/lib/sysctl.d/50-odd.conf': `; ${k(13)} = semicolon\n${k(14)} = a # not a comment\n${k(15)} =\n${k(16)}=\t4096\t87380 \n`,
      '/etc/sysctl.conf': `${k(0)} = 12\r\n`,
    });
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`on generated tree #${seed}`, () => {
      const random = createRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[random.int(items.length)];
      const pool = Array.from({ length: 12 }, () => pick(keys));
      const names = ['10-a.conf', '9-x.conf', '50-x.conf', '50.conf', 'A.conf', 'a.conf', '.h.conf', '99-z.conf', 'zz.conf', 'x.conf.bak'];
      const values = ['0', '1', '4096', '4096 87380 6291456', 'foo # x', 'a=b', '', 'v' + seed];
      const spec: Record<string, TreeNode> = {};
      for (let f = 0; f < 14; f++) {
        const path = `${pick(DIRECTORIES)}/${pick(names)}`;
        if (spec[path] !== undefined) continue;
        const roll = random.int(10);
        if (roll === 0) spec[path] = link('/dev/null');
        else if (roll === 1) spec[path] = '';
        else {
          let text = '';
          for (let l = 1 + random.int(6); l > 0; l--) {
            const key = pick(pool);
            text += `${random.int(4) === 0 ? key.replace(/\./g, '/') : key} = ${pick(values)}${pick(['\n', '\n', '\r\n'])}`;
          }
          spec[path] = text;
        }
      }
      if (random.int(2) === 0) spec['/etc/sysctl.d/99-sysctl.conf'] = link('../sysctl.conf');
      spec['/etc/sysctl.conf'] = `${pick(pool)} = conf-${seed}\n${pick(pool)} = conf\n`;
      compare(`generated-${seed}`, spec);
    });
  }
});
