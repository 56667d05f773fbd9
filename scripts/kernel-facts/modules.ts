/**
 * Which module links a source file: the object named in the directory's Makefile
 * (`obj-$(CONFIG_X) += foo.o`, or `foo-y := a.o b.o` then `obj-$(CONFIG_X) += foo.o`), and whether
 * CONFIG_X is tristate (a loadable module is possible) or bool / obj-y (always built in).
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface MakeAssignment {
  /** `obj` for obj-*, else the composite object's name. */
  readonly target: string;
  /** CONFIG_ symbol, or undefined for `-y` / `-objs`. */
  readonly config?: string;
  readonly objects: readonly string[];
}

function readMakefile(path: string): MakeAssignment[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8').replace(/\\\n/g, ' ');
  const out: MakeAssignment[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z0-9_-]+?)-(y|objs|\$\(CONFIG_(\w+)\)|\$\(subst m,y,\$\(CONFIG_(\w+)\)\))\s*[:+]?=\s*(.*)$/.exec(line);
    if (!match) continue;
    const objects = match[5]
      .replace(/#.*/, '')
      .split(/\s+/)
      .filter((o) => o.endsWith('.o'));
    out.push({ target: match[1], config: match[3], objects });
  }
  return out;
}

/** `config FOO` → tristate / bool, from every Kconfig file of the tree. */
export function readKconfigTypes(files: Iterable<string>): Map<string, 'tristate' | 'bool'> {
  const types = new Map<string, 'tristate' | 'bool'>();
  for (const text of files) {
    let current: string | undefined;
    for (const line of text.split('\n')) {
      const config = /^\s*(?:menu)?config\s+(\w+)/.exec(line);
      if (config) {
        current = config[1];
        continue;
      }
      const type = /^\s+(def_)?(tristate|bool)\b/.exec(line);
      if (current && type) {
        if (types.get(current) !== 'tristate') types.set(current, type[2] as 'tristate' | 'bool');
        current = undefined;
      }
    }
  }
  return types;
}

export class ModuleResolver {
  private readonly makefiles = new Map<string, MakeAssignment[]>();

  constructor(
    private readonly tree: string,
    private readonly kconfig: ReadonlyMap<string, 'tristate' | 'bool'>,
  ) {}

  private assignments(dir: string): MakeAssignment[] {
    let list = this.makefiles.get(dir);
    if (!list) {
      list = readMakefile(join(this.tree, dir, 'Makefile'));
      if (list.length === 0) list = readMakefile(join(this.tree, dir, 'Kbuild'));
      this.makefiles.set(dir, list);
    }
    return list;
  }

  /** Module name, "builtin", or "unknown" for a file path relative to the tree. */
  moduleOf(file: string): string {
    const dir = dirname(file);
    const object = file.slice(dir.length + 1).replace(/\.c$/, '.o');
    const list = this.assignments(dir);
    const direct = list.find((a) => a.target === 'obj' && a.objects.includes(object));
    if (direct) return this.classify(object.replace(/\.o$/, ''), direct.config);
    const composite = list.find((a) => a.target !== 'obj' && a.objects.includes(object));
    if (composite) {
      const owner = list.find((a) => a.target === 'obj' && a.objects.includes(`${composite.target}.o`));
      if (owner) return this.classify(composite.target, owner.config);
    }
    return 'unknown';
  }

  private classify(name: string, config: string | undefined): string {
    if (!config) return 'builtin';
    const type = this.kconfig.get(config);
    if (type === 'bool') return 'builtin';
    if (type === 'tristate') return name.replace(/-/g, '_');
    return 'unknown';
  }
}
