import { strict as assert } from 'node:assert';
import { formatEdits, formatText, parseDocument } from '../../../server/src/engine';
import type { ParsedLine } from '../../../server/src/engine';
import { applyEdits } from '../../helpers/applyEdits';
import { generateSysctlFile, SAMPLE_KEYS } from '../../helpers/generatedSysctl';

/** What a line means to the tools, as the parser models both: formatting must not change it. */
function meaning(line: ParsedLine): string {
  const issues = line.issues.map((i) => i.code).join(',');
  switch (line.kind) {
    case 'setting':
      return `setting ${line.ignoreErrors ? '-' : ''}${JSON.stringify(line.key.text)}=${JSON.stringify(line.value.text)} procps=${JSON.stringify(line.procpsKey)} [${issues}]`;
    case 'exclusion':
      return `exclusion ${JSON.stringify(line.key.text)} [${issues}]`;
    case 'comment':
      return `comment ${line.marker} ${JSON.stringify(line.body)} [${issues}]`;
    default:
      return `${line.kind} [${issues}]`;
  }
}

describe('formatting (engine)', () => {
  it('writes key = value without indentation or trailing blanks, keeping the value and the ignore-errors dash', () => {
    assert.equal(
      formatText('  vm.swappiness=10  \n-net.ipv4.ip_forward\t=\t1\nkernel.domainname =\n-net.ipv4.conf.all.rp_filter  \n'),
      'vm.swappiness = 10\n-net.ipv4.ip_forward = 1\nkernel.domainname =\n-net.ipv4.conf.all.rp_filter\n',
    );
  });

  it('keeps values byte for byte, inner blanks, # and = included', () => {
    assert.equal(formatText('kernel.core_pattern=  |/usr/bin/x  %p\t%e  \n'), 'kernel.core_pattern = |/usr/bin/x  %p\t%e\n');
    assert.equal(formatText('kernel.domainname =foo # not a comment\n'), 'kernel.domainname = foo # not a comment\n');
    assert.equal(formatText('kernel.domainname=a = b\n'), 'kernel.domainname = a = b\n');
  });

  it('keeps comments, blank lines, line endings and the final newline or its absence', () => {
    assert.equal(formatText('# note  \r\n   \r\n\tvm.swappiness=1'), '# note\r\n\r\nvm.swappiness = 1');
    assert.equal(formatText('   # indented comment\n'), '   # indented comment\n');
  });

  it('leaves alone lines the tools could read differently, and a first line with a BOM', () => {
    for (const line of ['; a comment  ', '- vm.swappiness = 1', '--vm.swappiness = 1', 'no equals here  ', 'vm.swap piness = 1', 'vm.swappiness =\v1', '\uFEFFvm.swappiness=1']) {
      assert.equal(formatText(`${line}\n`), `${line}\n`, JSON.stringify(line));
    }
    // After a lone CR procps reads the next line as part of this one.
    assert.equal(formatText('vm.swappiness=1\r  kernel.domainname=x\n'), 'vm.swappiness=1\r  kernel.domainname=x\n');
  });

  it('formats only the lines of a range', () => {
    const text = ' a.b=1\n c.d=2\n e.f=3\n';
    const edits = formatEdits(text, { start: 1, end: 1 });
    assert.equal(applyEdits(text, edits), ' a.b=1\nc.d = 2\n e.f=3\n');
  });

  it('changes no meaning, is idempotent, and keeps every line and terminator on generated files', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const text = generateSysctlFile(SAMPLE_KEYS, seed, 80, { hostile: true });
      const formatted = formatText(text);
      assert.equal(formatText(formatted), formatted, `seed ${seed}: idempotent`);
      assert.equal(applyEdits(text, formatEdits(text)), formatted, `seed ${seed}: edits and text agree`);
      const before = parseDocument(text);
      const after = parseDocument(formatted);
      assert.equal(after.lines.length, before.lines.length, `seed ${seed}: line count`);
      assert.equal(after.endsWithNewline, before.endsWithNewline);
      assert.deepEqual(formatted.match(/\r\n|\r|\n/g), text.match(/\r\n|\r|\n/g), `seed ${seed}: terminators`);
      before.lines.forEach((line, i) => assert.equal(meaning(after.lines[i]), meaning(line), `seed ${seed} line ${i}`));
    }
  });
});
