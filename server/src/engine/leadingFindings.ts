import { checkLines } from './analyze';
import { FindingsPolicy } from './findings/policy';
import { parseDocument } from './parser/parseDocument';
import { mayDisableWholeFile } from './rules/suppression';
import type { Finding } from './rules/types';
import type { EngineSettings } from './settings';
import { offsetOfLine } from './text/lines';

/**
 * A first look at a large text: the findings of its first `lineCount` lines that each line earns
 * on its own (every line check), as the whole analysis reports them on those lines, at the cost
 * of those lines alone. What the whole analysis adds (findings that compare lines, findings on
 * later lines) only adds to them. Undefined when the text is not longer than `lineCount` lines,
 * or when a whole-file suppression comment further down may silence some of them.
 */
export function leadingLineFindings(text: string, settings: EngineSettings, lineCount: number): Finding[] | undefined {
  // One more line is parsed, so that no kept line is the last one (whose delete fix is anchored otherwise).
  const end = offsetOfLine(text, lineCount + 1);
  if (end < 0 || mayDisableWholeFile(text, end)) return undefined;
  const leading = parseDocument(text.slice(0, end));
  // checkLines, as the whole analysis: values found clean here are not checked again there.
  return FindingsPolicy.of(leading, settings).applyAll(checkLines(leading, settings, 0, lineCount, true));
}
