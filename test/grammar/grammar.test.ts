/**
 * Scope tests for syntaxes/sysctl.tmLanguage.json, tokenized with vscode-textmate and
 * vscode-oniguruma (the engine VS Code uses). Each case names substrings of a line and the
 * exact scope stack they must carry; see docs/reference/sysctl-syntax.md §1, §2 and §9.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GRAMMAR_PATH, ROOT, SCOPE_NAME, Token, describe as describeTokens, scopesOf, tokenizeLine, tokenizeLines } from './tokenize';

const S = SCOPE_NAME;

// Scope stacks, innermost last.
const SETTING = [S, 'meta.setting.sysctl'];
const EXCLUSION = [S, 'meta.exclusion.sysctl'];

const KEY = [...SETTING, 'variable.other.key.sysctl'];
const KEY_SEP = [...KEY, 'punctuation.separator.key.sysctl'];
const KEY_GLOB = [...KEY, 'keyword.operator.glob.sysctl'];
const IGNORE = [...SETTING, 'keyword.operator.ignore-errors.sysctl'];
const ASSIGN = [...SETTING, 'keyword.operator.assignment.sysctl'];
const NUMBER = [...SETTING, 'constant.numeric.sysctl'];
const STRING = [...SETTING, 'string.unquoted.value.sysctl'];
const SETTING_WS = SETTING;

const EX_DASH = [...EXCLUSION, 'keyword.operator.exclusion.sysctl'];
const EX_KEY = [...EXCLUSION, 'variable.other.key.sysctl'];
const EX_SEP = [...EX_KEY, 'punctuation.separator.key.sysctl'];
const EX_GLOB = [...EX_KEY, 'keyword.operator.glob.sysctl'];

const HASH_COMMENT = [S, 'comment.line.number-sign.sysctl'];
const HASH_MARK = [...HASH_COMMENT, 'punctuation.definition.comment.sysctl'];
const SEMI_COMMENT = [S, 'comment.line.semicolon.sysctl'];
const SEMI_MARK = [...SEMI_COMMENT, 'punctuation.definition.comment.sysctl'];
const COMMENT_LEADING_WS = [S, 'punctuation.whitespace.comment.leading.sysctl'];

const INVALID = [S, 'invalid.illegal.sysctl'];

/** [substring, expected scope stack] or [substring, occurrence, expected scope stack]. */
type Expectation = [string, string[]] | [string, number, string[]];

interface Case {
  name: string;
  line: string;
  expect: Expectation[];
  /** Scope prefixes that must not appear on any token of the line. */
  forbid?: string[];
}

const cases: Case[] = [
  // --- comments -------------------------------------------------------------------------
  {
    name: 'V21 "#" comment',
    line: '# comment',
    expect: [
      ['#', HASH_MARK],
      [' comment', HASH_COMMENT],
    ],
  },
  {
    name: 'V22 indented "#" comment',
    line: '    # indented comment',
    expect: [
      ['    ', COMMENT_LEADING_WS],
      ['#', HASH_MARK],
      [' indented comment', HASH_COMMENT],
    ],
  },
  {
    name: 'tab-indented "#" comment',
    line: '\t#x',
    expect: [
      ['\t', COMMENT_LEADING_WS],
      ['#', HASH_MARK],
      ['x', HASH_COMMENT],
    ],
  },
  {
    name: 'V23 ";" comment',
    line: '; comment',
    expect: [
      [';', SEMI_MARK],
      [' comment', SEMI_COMMENT],
    ],
  },
  {
    name: 'V24 commented-out setting with ";"',
    line: ';net.ipv4.ip_forward=1',
    expect: [
      [';', SEMI_MARK],
      ['net.ipv4.ip_forward=1', SEMI_COMMENT],
    ],
    forbid: ['meta.setting', 'keyword.operator.assignment'],
  },
  {
    name: 'V25 commented-out setting with "#"',
    line: '#net.ipv4.ip_forward=1',
    expect: [
      ['#', HASH_MARK],
      ['net.ipv4.ip_forward=1', HASH_COMMENT],
    ],
    forbid: ['meta.setting', 'keyword.operator.assignment', 'constant.numeric'],
  },

  // --- "#" and ";" inside values are value text --------------------------------------------
  {
    name: 'k = v # x: no trailing comment',
    line: 'k = v # x',
    expect: [
      ['k', KEY],
      [' ', 0, SETTING_WS],
      ['=', ASSIGN],
      ['v # x', STRING],
    ],
    forbid: ['comment', 'punctuation.definition.comment'],
  },
  {
    name: 'V07 value "foo # comment"',
    line: 'kernel.domainname = foo # comment',
    expect: [['foo # comment', STRING]],
    forbid: ['comment'],
  },
  {
    name: 'V08 value "foo ; comment"',
    line: 'kernel.domainname = foo ; comment',
    expect: [['foo ; comment', STRING]],
    forbid: ['comment'],
  },
  {
    name: 'V10 value starting with "#"',
    line: 'kernel.domainname = #foo',
    expect: [['#foo', STRING]],
    forbid: ['comment'],
  },
  {
    name: 'number followed by "#" is a string, not a number plus comment',
    line: 'vm.swappiness = 10 # low',
    expect: [['10 # low', STRING]],
    forbid: ['comment', 'constant.numeric'],
  },

  // --- first "=" separates key and value ---------------------------------------------------
  {
    name: 'V14 kernel.domainname==foo',
    line: 'kernel.domainname==foo',
    expect: [
      ['kernel', KEY],
      ['.', KEY_SEP],
      ['domainname', KEY],
      ['=', 0, ASSIGN],
      ['=foo', STRING],
    ],
  },
  {
    name: 'V13 core_pattern pipe with "=" in the value',
    line: 'kernel.core_pattern = |/usr/lib/foo %p a=b',
    expect: [
      ['kernel', KEY],
      ['core_pattern', KEY],
      ['=', 0, ASSIGN],
      ['|/usr/lib/foo %p a=b', STRING],
    ],
    forbid: ['comment', 'constant.numeric'],
  },
  {
    name: 'V11 quotes are literal value text',
    line: 'kernel.domainname = "example.com"',
    expect: [['"example.com"', STRING]],
    forbid: ['string.quoted'],
  },
  {
    name: 'V02 no spaces around "="',
    line: 'net.ipv4.ip_forward=1',
    expect: [
      ['ip_forward', KEY],
      ['=', ASSIGN],
      ['1', NUMBER],
    ],
  },
  {
    name: 'V03 surrounding whitespace is not part of key or value',
    line: '   net.ipv4.ip_forward   =   1   ',
    expect: [
      ['   ', 0, SETTING_WS],
      ['net', KEY],
      ['   ', 1, SETTING_WS],
      ['=', ASSIGN],
      ['   ', 2, SETTING_WS],
      ['1', NUMBER],
      ['   ', 3, SETTING_WS],
    ],
  },
  {
    name: 'V15 empty value',
    line: 'kernel.domainname =',
    expect: [
      ['domainname', KEY],
      ['=', ASSIGN],
    ],
    forbid: ['string', 'constant', 'invalid'],
  },
  {
    name: 'V50 empty key',
    line: '= 1',
    expect: [
      ['=', ASSIGN],
      ['1', NUMBER],
    ],
    forbid: ['invalid', 'variable'],
  },

  // --- numbers -----------------------------------------------------------------------------
  {
    name: 'V01 single integer',
    line: 'net.ipv4.ip_forward = 1',
    expect: [
      ['net', KEY],
      ['.', 0, KEY_SEP],
      ['ipv4', KEY],
      ['.', 1, KEY_SEP],
      ['ip_forward', KEY],
      ['=', ASSIGN],
      ['1', NUMBER],
    ],
  },
  {
    name: 'negative integer',
    line: 'kernel.perf_event_paranoid = -1',
    expect: [['-1', NUMBER]],
    forbid: ['keyword.operator.ignore-errors', 'string'],
  },
  {
    name: 'V05 vector of integers',
    line: 'net.ipv4.ip_local_port_range = 1024 65000',
    expect: [
      ['1024', NUMBER],
      [' ', 2, SETTING_WS],
      ['65000', NUMBER],
    ],
    forbid: ['string'],
  },
  {
    name: 'three-element vector',
    line: 'net.ipv4.tcp_rmem = 4096 87380 6291456',
    expect: [
      ['4096', NUMBER],
      ['87380', NUMBER],
      ['6291456', NUMBER],
    ],
    forbid: ['string'],
  },
  {
    name: 'V04 tab-separated vector',
    line: '\tnet.ipv4.tcp_rmem\t=\t4096\t87380\t6291456\t',
    expect: [
      ['tcp_rmem', KEY],
      ['=', ASSIGN],
      ['4096', NUMBER],
      ['\t', 3, SETTING_WS],
      ['87380', NUMBER],
      ['6291456', NUMBER],
    ],
    forbid: ['string'],
  },
  {
    name: 'vector with a negative element',
    line: 'kernel.sched_x = 5 -3 7',
    expect: [
      ['5', NUMBER],
      ['-3', NUMBER],
      ['7', NUMBER],
    ],
  },
  {
    name: 'mixed number and text is one string',
    line: 'kernel.sched_x = 12 34x',
    expect: [['12 34x', STRING]],
    forbid: ['constant.numeric'],
  },
  {
    name: 'comma list is a string',
    line: 'net.ipv4.ip_local_reserved_ports = 8080,9148',
    expect: [['8080,9148', STRING]],
    forbid: ['constant.numeric'],
  },
  {
    name: 'word value is a string',
    line: 'net.ipv4.tcp_congestion_control = bbr',
    expect: [['bbr', STRING]],
  },

  // --- ignore-errors prefix -------------------------------------------------------------------
  {
    name: 'V28 -vm.swappiness = 20',
    line: '-vm.swappiness = 20',
    expect: [
      ['-', IGNORE],
      ['vm', KEY],
      ['.', KEY_SEP],
      ['swappiness', KEY],
      ['=', ASSIGN],
      ['20', NUMBER],
    ],
    forbid: ['meta.exclusion', 'invalid'],
  },
  {
    name: 'V29 indented ignore prefix',
    line: '  -vm.swappiness = 20',
    expect: [
      ['  ', SETTING_WS],
      ['-', IGNORE],
      ['swappiness', KEY],
      ['20', NUMBER],
    ],
  },
  {
    name: 'V31 only the first "-" is the prefix',
    line: '--vm.swappiness = 5',
    expect: [
      ['-', 0, IGNORE],
      ['-vm', KEY],
      ['5', NUMBER],
    ],
  },
  {
    name: 'V30 space after the prefix is not part of the key',
    line: '- vm.swappiness = 20',
    expect: [
      ['-', IGNORE],
      [' ', 0, SETTING_WS],
      ['vm', KEY],
    ],
  },

  // --- exclusions -----------------------------------------------------------------------------
  {
    name: 'V32 exclusion -net.ipv4.conf.all.rp_filter',
    line: '-net.ipv4.conf.all.rp_filter',
    expect: [
      ['-', EX_DASH],
      ['net', EX_KEY],
      ['.', 0, EX_SEP],
      ['all', EX_KEY],
      ['.', 3, EX_SEP],
      ['rp_filter', EX_KEY],
    ],
    forbid: ['meta.setting', 'invalid', 'keyword.operator.ignore-errors'],
  },
  {
    name: 'V33 glob exclusion',
    line: '-net.ipv4.conf.eth*.rp_filter',
    expect: [
      ['-', EX_DASH],
      ['eth', EX_KEY],
      ['*', EX_GLOB],
      ['rp_filter', EX_KEY],
    ],
  },
  {
    name: 'indented exclusion with trailing blanks',
    line: '  -kernel.sysrq  ',
    expect: [
      ['-', EX_DASH],
      ['kernel', EX_KEY],
      ['sysrq', EX_KEY],
      ['  ', 1, EXCLUSION],
    ],
  },
  {
    name: 'V34 bare "-"',
    line: '-',
    expect: [['-', EX_DASH]],
    forbid: ['invalid'],
  },
  {
    name: 'V35 "-;x" is an exclusion, not a comment',
    line: '-;x',
    expect: [
      ['-', EX_DASH],
      [';x', EX_KEY],
    ],
    forbid: ['comment'],
  },

  // --- key forms and globs --------------------------------------------------------------------
  {
    name: 'V51 glob key net.ipv4.conf.*.rp_filter',
    line: 'net.ipv4.conf.*.rp_filter = 2',
    expect: [
      ['conf', KEY],
      ['.', 2, KEY_SEP],
      ['*', KEY_GLOB],
      ['.', 3, KEY_SEP],
      ['rp_filter', KEY],
      ['2', NUMBER],
    ],
  },
  {
    name: 'V52 "?" glob',
    line: 'net.ipv4.conf.eth?.rp_filter = 7',
    expect: [
      ['eth', KEY],
      ['?', KEY_GLOB],
      ['7', NUMBER],
    ],
  },
  {
    name: 'V53 bracket glob',
    line: 'net.ipv4.conf.[eh]*.forwarding = 1',
    expect: [
      ['[eh]', KEY_GLOB],
      ['*', KEY_GLOB],
      ['forwarding', KEY],
    ],
  },
  {
    name: 'unclosed "[" is still a glob character',
    line: 'net.ipv4.conf.[eh.forwarding = 1',
    expect: [
      ['[', KEY_GLOB],
      ['eh', KEY],
    ],
  },
  {
    name: 'V37 slash key with a dotted VLAN component',
    line: 'net/ipv4/conf/enp3s0.200/forwarding = 1',
    expect: [
      ['net', KEY],
      ['/', 0, KEY_SEP],
      ['ipv4', KEY],
      ['/', 2, KEY_SEP],
      ['enp3s0', KEY],
      ['.', KEY_SEP],
      ['200', KEY],
      ['/', 3, KEY_SEP],
      ['forwarding', KEY],
      ['=', ASSIGN],
      ['1', NUMBER],
    ],
  },
  {
    name: 'V38 mixed dot/slash key',
    line: 'net.ipv4.conf.enp3s0/200.forwarding = 1',
    expect: [
      ['enp3s0', KEY],
      ['/', KEY_SEP],
      ['200', KEY],
    ],
  },
  {
    name: 'V42 leading slash',
    line: '/net/ipv4/ip_forward = 1',
    expect: [
      ['/', 0, KEY_SEP],
      ['net', KEY],
    ],
  },
  {
    name: 'key digits are key text, not numbers',
    line: 'net.ipv6.conf.eth0.accept_ra = 2',
    expect: [
      ['ipv6', KEY],
      ['eth0', KEY],
      ['2', NUMBER],
    ],
  },

  // --- invalid lines --------------------------------------------------------------------------
  {
    name: 'V26 key without "="',
    line: 'net.ipv4.ip_forward',
    expect: [['net.ipv4.ip_forward', INVALID]],
    forbid: ['meta.setting', 'meta.exclusion', 'variable'],
  },
  {
    name: 'V27 include directive',
    line: 'include /etc/other.conf',
    expect: [['include /etc/other.conf', INVALID]],
  },
  {
    name: 'indented invalid line: only the text is invalid',
    line: '  vm.swappiness 10  ',
    expect: [
      ['  ', 0, [S]],
      ['vm.swappiness 10', INVALID],
      ['  ', 1, [S]],
    ],
  },

  // --- blank lines ----------------------------------------------------------------------------
  {
    name: 'V20 whitespace-only line',
    line: '   \t  ',
    expect: [['   \t  ', [S]]],
  },
];

function forbiddenHits(tokens: Token[], prefixes: string[]): string[] {
  const hits: string[] = [];
  for (const t of tokens) {
    for (const p of prefixes) {
      if (t.scopes.some((s) => s === p || s.startsWith(p + '.'))) {
        hits.push(`${JSON.stringify(t.text)} has ${p}: [${t.scopes.join(' ')}]`);
      }
    }
  }
  return hits;
}

describe('sysctl TextMate grammar', () => {
  describe('grammar file', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as { name: string; scopeName: string };

    it('has name "sysctl" and scopeName "source.sysctl"', () => {
      assert.strictEqual(raw.name, 'sysctl');
      assert.strictEqual(raw.scopeName, 'source.sysctl');
    });

    it('is the grammar package.json contributes for the sysctl language', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        contributes: { grammars: { language: string; scopeName: string; path: string }[] };
      };
      const g = pkg.contributes.grammars.find((x) => x.language === 'sysctl');
      assert.ok(g, 'no grammar contributed for language "sysctl"');
      assert.strictEqual(g.scopeName, raw.scopeName);
      assert.strictEqual(path.resolve(ROOT, g.path), GRAMMAR_PATH);
    });
  });

  describe('language configuration', () => {
    const conf = JSON.parse(fs.readFileSync(path.join(ROOT, 'language-configuration.json'), 'utf8')) as {
      comments: { lineComment?: string; blockComment?: unknown };
      wordPattern?: string;
    };

    it('uses "#" line comments and no block comments', () => {
      assert.strictEqual(conf.comments.lineComment, '#');
      assert.strictEqual(conf.comments.blockComment, undefined);
    });

    it('treats a whole key (without the "-" prefix) as one word', () => {
      assert.ok(conf.wordPattern);
      const re = new RegExp(conf.wordPattern, 'g');
      assert.deepStrictEqual('-net/ipv4/conf/enp3s0.200/forwarding = -1'.match(re), ['net/ipv4/conf/enp3s0.200/forwarding', '-1']);
      assert.deepStrictEqual('net.ipv4.conf.[eh]*.rp_filter=2'.match(re), ['net.ipv4.conf.[eh]*.rp_filter', '2']);
    });
  });

  describe('line scopes', () => {
    for (const c of cases) {
      it(`${c.name}: ${JSON.stringify(c.line)}`, async () => {
        const tokens = await tokenizeLine(c.line);
        const detail = describeTokens(tokens);
        for (const e of c.expect) {
          const [sub, occurrence, scopes] = e.length === 3 ? e : [e[0], 0, e[1]];
          assert.deepStrictEqual(
            scopesOf(tokens, c.line, sub, occurrence),
            scopes,
            `scopes of ${JSON.stringify(sub)}#${occurrence} in ${JSON.stringify(c.line)}; tokens: ${detail}`,
          );
        }
        if (c.forbid) {
          assert.deepStrictEqual(forbiddenHits(tokens, c.forbid), [], `tokens: ${detail}`);
        }
      });
    }
  });

  describe('whole documents', () => {
    it('no state leaks from one line to the next', async () => {
      const lines = [
        '# /etc/sysctl.d/99-test.conf',
        'kernel.domainname = foo # not a comment',
        '; another comment',
        'net.ipv4.conf.*.rp_filter = 2',
        '-net.ipv4.conf.all.rp_filter',
        'net.ipv4.ip_forward',
        '',
        '-vm.swappiness = 20',
        'net.ipv4.tcp_rmem = 4096 87380 6291456',
      ];
      const { tokens, statesAtRoot } = await tokenizeLines(lines);
      assert.deepStrictEqual(
        statesAtRoot,
        lines.map(() => true),
      );
      // Each line is tokenized exactly as it is on its own.
      for (let i = 0; i < lines.length; i++) {
        assert.deepStrictEqual(tokens[i], await tokenizeLine(lines[i]), `line ${i + 1}`);
      }
      assert.deepStrictEqual(scopesOf(tokens[1], lines[1], 'foo # not a comment'), STRING);
      assert.deepStrictEqual(scopesOf(tokens[5], lines[5], 'net.ipv4.ip_forward'), INVALID);
      assert.deepStrictEqual(scopesOf(tokens[8], lines[8], '87380'), NUMBER);
    });

    it('every line of the example files is tokenized without gaps', async function () {
      const files: string[] = [];
      const walk = (dir: string): void => {
        if (!fs.existsSync(dir)) {
          return;
        }
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) {
            walk(full);
          } else if (entry.name.endsWith('.conf')) {
            files.push(full);
          }
        }
      };
      walk(path.join(ROOT, 'examples'));
      if (files.length === 0) {
        this.skip();
      }
      for (const file of files) {
        const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
        const { tokens, statesAtRoot } = await tokenizeLines(lines);
        tokens.forEach((lineTokens, i) => {
          let pos = 0;
          for (const t of lineTokens) {
            assert.strictEqual(t.start, pos, `${file}:${i + 1} token gap`);
            assert.strictEqual(t.scopes[0], S);
            pos = t.end;
          }
          if (lines[i].length > 0) {
            assert.strictEqual(pos, lines[i].length, `${file}:${i + 1} not fully tokenized`);
          }
          assert.ok(statesAtRoot[i], `${file}:${i + 1} leaves a rule open`);
        });
      }
    });
  });
});
