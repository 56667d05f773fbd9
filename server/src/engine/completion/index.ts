/** Completion of key names and values: pure functions of the parsed file, a position and the settings. */
export { completeAt, snippetDefault } from './completeAt';
export type { EngineCompletionItem, EngineCompletionKind } from './types';
