/** Conntrack sizing: pure functions of RAM, architecture and kernel version. No I/O. */
export { architectureFromUname, pointerBytes, type Architecture, type ArchitectureResult, type PointerBits } from './architecture';
export { formatBytes, MAX_EXACT_BYTES, parseSize, type SizeResult } from './size';
export { parseHostFacts, parseMemTotal, REMOTE_FACTS_COMMAND, type HostFacts, type HostFactsResult, type MemTotal, type MemTotalResult } from './meminfo';
export {
  CONNTRACK_BYTES_PER_ENTRY,
  formulaMax,
  kernelDefault,
  KERNEL_SIZING_ERA_DESCRIPTIONS,
  recommend,
  tableMemory,
  type ConntrackRecommendation,
  type FormulaSizing,
  type KernelDefault,
  type KernelDefaultOptions,
  type KernelDefaultResult,
  type KernelSizingEra,
  type RecommendInput,
  type RecommendResult,
  type TableFootprint,
} from './conntrack';
export { compareKernelVersions, formatKernelVersion, isKernelAtLeast, parseKernelVersion, type KernelVersion, type KernelVersionResult } from '../kernelVersion';
