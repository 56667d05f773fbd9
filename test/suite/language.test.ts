import * as assert from 'node:assert/strict';
import { openWorkspaceFile } from './helpers';

suite('language association', () => {
  test('sysctl.conf is sysctl', async () => {
    const doc = await openWorkspaceFile('sysctl.conf');
    assert.equal(doc.languageId, 'sysctl');
  });

  test('sysctl.d/10-net.conf is sysctl', async () => {
    const doc = await openWorkspaceFile('sysctl.d/10-net.conf');
    assert.equal(doc.languageId, 'sysctl');
  });

  test('x/sysctl.d/10-foo.conf (nested sysctl.d) is sysctl', async () => {
    const doc = await openWorkspaceFile('x/sysctl.d/10-foo.conf');
    assert.equal(doc.languageId, 'sysctl');
  });

  test('a plain other/foo.conf is not sysctl', async () => {
    const doc = await openWorkspaceFile('other/foo.conf');
    assert.notEqual(doc.languageId, 'sysctl');
  });
});
