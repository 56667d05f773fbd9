/** Public surface of the key database: typed key data, lookups and the known-name matcher. */

export type * from './types';
export { REFERENCE_MACHINE } from './types';
export { allDocumentedKeys, allLegacyKeys, findKey, findLegacy, resolveBound, resolveKey } from './database';
export type { BoundContext } from './database';
export { globMatchesKnownName, impossibleInterface, isKnownKeyName, isKnownTopLevel, knownNameCandidates, knownNames, knownSiblings, matchKnownName } from './knownNames';
export type { KnownNameMatch } from './knownNames';
export { keySummary, summarisedNames, SUMMARY_UNITS } from './summaries';
export type { KeySummary, SummaryUnit } from './summaries';
export { allFactNames, factPattern, hasKeyFacts, kernelFactsProvenance, keyFacts, presentOnKernel } from './kernelFacts';
export type { KeyFacts, KernelPresence, MachineFact, NetnsScope, SourceFact, TimeUnit, ValueKind } from './kernelFacts';
export { moduleOfKey, moduleOfValue } from './moduleKeys';
