import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EngineSettings } from '../engine';
import { SYSTEM_DIRECTORIES } from '../engine';
import { readConfigText, resolveInRoot, treeRootOf } from './systemTree';

/**
 * Which modules a machine tree loads before systemd-sysctl runs, for module-boot-order: the
 * modules-load.d files systemd-modules-load reads (same name in a higher directory wins, an empty
 * file or a link to /dev/null masks), and the modules whose sysctl keys a udev rule applies when
 * they load (`KERNEL=="br_netfilter", RUN+="... systemd-sysctl --prefix=/net/bridge"`, as
 * sysctl.d(5) shows). On OpenWrt, which has no systemd, the modules of /etc/modules-boot.d and
 * /etc/modules.d, which its boot loads before /etc/init.d/sysctl runs. Reading only; what cannot
 * be read counts as absent.
 */

/** systemd's search path for a kind of configuration, highest priority first: sysctl.d's, for another directory name. */
const searchPath = (kind: string) => SYSTEM_DIRECTORIES.map((dir) => dir.replace(/sysctl\.d$/, kind));
const MODULES_LOAD_DIRECTORIES = searchPath('modules-load.d');
const UDEV_RULES_DIRECTORIES = searchPath('udev/rules.d');

/** Texts of the files with `suffix` in `directories` under `root`, the first of each name winning. */
function configFiles(root: string, directories: readonly string[], suffix: string): string[] {
  const chosen = new Map<string, string>();
  for (const dir of directories) {
    let names: string[];
    try {
      names = readdirSync(join(root, resolveInRoot(root, dir)));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (name.endsWith(suffix) && !chosen.has(name)) chosen.set(name, readConfigText(root, `${dir}/${name}`));
    }
  }
  return [...chosen.values()];
}

/** Module names of a modules-load.d file: one per line, `#` and `;` comments. */
function listedModules(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith(';'))
    .map((name) => name.replace(/-/g, '_'));
}

/** Modules a udev rule runs systemd-sysctl for when they load. */
function udevApplied(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('#') || !line.includes('systemd-sysctl')) continue;
    const match = /KERNEL=="([A-Za-z0-9_-]+)"/.exec(line);
    if (match && /SUBSYSTEM=="module"/.test(line)) out.push(match[1].replace(/-/g, '_'));
  }
  return out;
}

/** OpenWrt's module lists: files of any name, a module and its parameters per line. */
const OPENWRT_MODULE_DIRECTORIES = ['/etc/modules-boot.d', '/etc/modules.d'];

function openWrtModules(text: string): string[] {
  return listedModules(text).map((line) => line.split(/\s+/)[0]);
}

export function readModulesLoadedFirst(rootArg: string): string[] {
  const root = resolve(rootArg);
  const modules = new Set<string>();
  for (const text of configFiles(root, MODULES_LOAD_DIRECTORIES, '.conf')) for (const name of listedModules(text)) modules.add(name);
  for (const text of configFiles(root, UDEV_RULES_DIRECTORIES, '.rules')) for (const name of udevApplied(text)) modules.add(name);
  for (const text of configFiles(root, OPENWRT_MODULE_DIRECTORIES, '')) for (const name of openWrtModules(text)) modules.add(name);
  return [...modules].sort();
}

/**
 * Settings for a file of a machine tree (…/etc/sysctl.d/x.conf, see treeRootOf): with the modules
 * that tree loads first. A file in no tree keeps its settings. `cache` holds each root's answer.
 */
export function withMachineModules(settings: EngineSettings, filePath: string | undefined, cache: Map<string, readonly string[]>): EngineSettings {
  const root = filePath === undefined ? undefined : treeRootOf(resolve(filePath));
  if (root === undefined) return settings;
  let modules = cache.get(root);
  if (!modules) cache.set(root, (modules = readModulesLoadedFirst(root)));
  return withModulesLoadedFirst(settings, modules);
}

export function withModulesLoadedFirst(settings: EngineSettings, modules: readonly string[]): EngineSettings {
  return modules.length > 0 ? { ...settings, modulesLoadedFirst: modules } : settings;
}
