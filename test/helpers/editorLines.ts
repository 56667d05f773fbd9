import { splitEditorLines } from '../../server/src/engine/text/lines';

/** The editor split of `text` as two arrays, the texts and the terminators. */
export function editorLineArrays(text: string): { texts: string[]; terminators: string[] } {
  const lines = splitEditorLines(text);
  return { texts: lines.map((line) => line.text), terminators: lines.map((line) => line.terminator) };
}
