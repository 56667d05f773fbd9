/** Hover documentation: pure functions of the parsed file, a position and the settings. */
export { hoverAt, type EngineHover } from './hoverAt';
export { describeKey, describeKnownName, describeLegacy, describeName, docPageFor, scopePhrase, type DescribeOptions } from './describeKey';
export { code, describeQuantity, describeValue, type DescribeValueOptions } from './describeValue';
export { conntrackMemoryLines, documentBuckets, sizingFacts, type HoverSizingFacts } from './conntrack';
export { formatByteCount, formatDuration, formatMilliseconds, readNumbers, unitPhrase, type ReadNumber, type ReadNumbersResult } from './format';
export { eraFor, keyAvailability, legacyAvailability, targetKernel, type Availability, type TargetKernel } from './versions';
