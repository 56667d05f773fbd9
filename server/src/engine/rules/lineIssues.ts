import { defineRule } from './defineRule';
import type { LineIssue, LineIssueCode, ParsedLine } from '../parser/types';
import type { RuleContext } from './context';
import { spanToRange } from '../text/position';
import type { Finding, RuleId, Severity } from './types';

interface IssueReport {
  ruleId: RuleId;
  severity: Severity;
  message(line: ParsedLine): string;
}

const keyText = (line: ParsedLine): string => (line.kind === 'setting' || line.kind === 'exclusion' ? line.key.text : '');

/** What each parser fact means to a sysadmin: what the tools will do and what to write instead. */
const REPORTS: Record<LineIssueCode, IssueReport> = {
  'missing-equals': {
    ruleId: 'syntax-error',
    severity: 'error',
    message: () =>
      "Line is not a setting: it has no '='. procps skips it with a warning and systemd-sysctl skips it and fails the service; write 'key = value', or start it with '#' to make it a comment.",
  },
  'empty-key': {
    ruleId: 'syntax-error',
    severity: 'error',
    message: () => "Setting has no key before '=': both procps and systemd-sysctl fail on it.",
  },
  nul: {
    ruleId: 'syntax-error',
    severity: 'error',
    message: () => 'NUL byte in the line: procps ignores the rest of the line and systemd-sysctl reads it as a new line; remove it.',
  },
  bom: {
    ruleId: 'syntax-error',
    severity: 'error',
    message: () => 'File starts with a UTF-8 byte order mark: procps and systemd-sysctl read it as part of the first key, which then does not exist; save the file without a BOM.',
  },
  'whitespace-in-key': {
    ruleId: 'syntax-error',
    severity: 'error',
    message: (line) => `Key '${keyText(line)}' contains whitespace; no kernel key does, so the write fails. Remove the whitespace.`,
  },
  'space-after-dash': {
    ruleId: 'tool-divergence',
    severity: 'error',
    message: () => "Space between '-' and the key: systemd-sysctl applies the setting, but procps looks up a key starting with a space and fails. Write '-key' with no space.",
  },
  'double-dash': {
    ruleId: 'tool-divergence',
    severity: 'error',
    message: () => "Two leading dashes: procps 4 sets the key, procps 3.3 and systemd-sysctl look up a key starting with '-' and fail. Use a single '-'.",
  },
  'semicolon-comment': {
    ruleId: 'tool-divergence',
    severity: 'warning',
    message: () => "';' comment: procps and systemd-sysctl up to 258 skip it, but systemd 259 and later read the line as a setting or an invalid line. Use '#'.",
  },
  'bare-cr': {
    ruleId: 'tool-divergence',
    severity: 'error',
    message: () => 'Line ends with a lone carriage return: systemd-sysctl reads two lines, procps reads one line whose value runs on into the next. Use LF or CRLF line endings.',
  },
  'line-too-long': {
    ruleId: 'tool-divergence',
    severity: 'error',
    message: () => 'Line is longer than 1 MiB: systemd-sysctl stops reading the file here and drops every later line; procps applies it. Shorten it.',
  },
  'parent-component': {
    ruleId: 'tool-divergence',
    severity: 'error',
    message: (line) => `Key '${keyText(line)}' contains a '..' component: systemd-sysctl refuses it (EINVAL), procps resolves it. Write the plain key.`,
  },
  'repeated-separator': {
    ruleId: 'tool-divergence',
    severity: 'warning',
    message: (line) => `Key '${keyText(line)}' repeats a separator: systemd-sysctl collapses it silently, procps warns "separators should not be repeated". Use single separators.`,
  },
  'glob-exclusion': {
    ruleId: 'tool-divergence',
    severity: 'warning',
    message: () =>
      'A glob exclusion is honoured only by procps 4.0.5 and later; systemd-sysctl and older procps ignore it, so the glob above still sets these keys there. Exclude each key explicitly.',
  },
  'form-feed-line': {
    ruleId: 'tool-divergence',
    severity: 'error',
    message: () =>
      'Line holds only a vertical tab or form feed: procps treats it as blank, systemd-sysctl reports "Line is not an assignment" and fails the service. Remove the character.',
  },
};

/** `sysctl -w key=value` pasted from a shell: the most common whitespace-in-key mistake. */
const SHELL_COMMAND = /^sysctl(?:\s+-[a-zA-Z]+)*\s+(?=\S)/;

function pastedCommandFinding(lineNumber: number, line: ParsedLine): Finding | undefined {
  if (line.kind !== 'setting') return undefined;
  const prefix = SHELL_COMMAND.exec(line.key.text);
  if (!prefix) return undefined;
  const key = line.key.text.slice(prefix[0].length);
  if (/\s/.test(key)) return undefined;
  const replacement = line.value.text === '' ? `${key} =` : `${key} = ${line.value.text}`;
  return {
    ruleId: 'syntax-error',
    severity: 'error',
    message: `This is a sysctl command, not a setting: the key would be '${line.key.text}', which does not exist. Write '${replacement}'.`,
    range: spanToRange(lineNumber, line.key.span),
    fixes: [
      {
        title: `Change to '${replacement}'`,
        edits: [{ range: spanToRange(lineNumber, { start: line.key.span.start, end: Math.max(line.value.span.end, line.equals + 1) }), newText: replacement }],
        isPreferred: true,
        safe: true,
      },
    ],
  };
}

export function lineIssueFinding(lineNumber: number, line: ParsedLine, issue: LineIssue): Finding {
  if (issue.code === 'whitespace-in-key') {
    const pasted = pastedCommandFinding(lineNumber, line);
    if (pasted) return pasted;
  }
  const report = REPORTS[issue.code];
  return {
    ruleId: report.ruleId,
    severity: report.severity,
    message: report.message(line),
    range: spanToRange(lineNumber, issue.span),
  };
}

/** The parser's facts about each line (syntax errors and tool divergences) as findings. */
function parserFindings(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  context.document.lines.forEach((line, lineNumber) => {
    for (const issue of line.issues) findings.push(lineIssueFinding(lineNumber, line, issue));
  });
  return findings;
}

/** Also reports the parser's `tool-divergence` facts (see REPORTS). */
export const syntaxErrorRule = defineRule({
  id: 'syntax-error',
  defaultSeverity: 'error',
  summary: 'The line cannot be applied by any tool.',
  description:
    'Lines without "=", settings without a key, NUL bytes, a byte order mark and keys containing whitespace are rejected or skipped by both procps sysctl and systemd-sysctl.',
  check: { scope: 'line', run: parserFindings },
});
