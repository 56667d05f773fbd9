export { formatEdits, formatText, type LineSpan } from './formatDocument';
