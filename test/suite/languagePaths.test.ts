import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeEditorsAndDelete, writeWorkspaceFile } from './helpers';

// Where files land on real machines (and in repositories that mirror a root file system): each
// case writes its own file under DIR and checks the language VS Code gives it on open.
const DIR = 'language-paths';

const CASES: { path: string; sysctl: boolean; why: string }[] = [
  { path: 'etc/sysctl.conf', sysctl: true, why: '/etc/sysctl.conf' },
  { path: 'etc/sysctl.d/99-x.conf', sysctl: true, why: 'a drop-in in /etc/sysctl.d' },
  { path: 'usr/lib/sysctl.d/50-default.conf', sysctl: true, why: 'a vendor drop-in in /usr/lib/sysctl.d' },
  { path: 'rootfs/run/sysctl.d/10-runtime.conf', sysctl: true, why: 'a drop-in deep inside a mirrored root' },
  { path: 'etc/sysctl.d/README', sysctl: false, why: 'a non-.conf file in sysctl.d' },
  { path: 'etc/sysctl.d/99-x.conf.bak', sysctl: false, why: 'a backup copy' },
  { path: 'etc/sysctl.d/sub/10-deeper.conf', sysctl: false, why: 'a .conf one level below sysctl.d (the tools do not read it)' },
  { path: 'etc/modules-load.d/nf_conntrack.conf', sysctl: false, why: 'a .conf in another *.d directory' },
  { path: 'etc/sysctl.conf.j2', sysctl: false, why: 'a template (needs a files.associations entry)' },
];

suite('language association by path', () => {
  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  for (const c of CASES) {
    test(`${c.path} ${c.sysctl ? 'is' : 'is not'} sysctl (${c.why})`, async () => {
      const uri = await writeWorkspaceFile(`${DIR}/${c.path}`, 'net.ipv4.ip_forward = 1\n');
      const doc = await vscode.workspace.openTextDocument(uri);
      if (c.sysctl) assert.equal(doc.languageId, 'sysctl', `${c.path} opened as ${doc.languageId}`);
      else assert.notEqual(doc.languageId, 'sysctl', `${c.path} should not be claimed by the sysctl language`);
    });
  }
});
