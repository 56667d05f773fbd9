import type { Finding } from '../rules/types';

/** Messages up to this length pass as they are (the longest the rules write are about half of it). */
const LONGEST_MESSAGE = 800;
/** In a longer message, the longest run of non-blank characters quoted in full. */
const LONGEST_QUOTED_RUN = 120;
/** Characters kept from each end of a longer run. */
const KEPT_AT_EACH_END = 40;
const LONG_RUN = new RegExp(`\\S{${LONGEST_QUOTED_RUN + 1},}`, 'g');

/**
 * Messages quote the key and value as written. A line of megabytes (a pasted blob, a file that is
 * not a sysctl file) must not become a message of megabytes in every editor and report: in a long
 * message, a run of non-blank characters keeps its two ends and says how long it was.
 */
export function withBoundedMessage(finding: Finding): Finding {
  if (finding.message.length <= LONGEST_MESSAGE) return finding;
  const message = finding.message.replace(LONG_RUN, (run) => `${elided(run)} (${run.length} characters)`);
  return message === finding.message ? finding : { ...finding, message };
}

/** A text longer than LONGEST_QUOTED_RUN as its two ends around an ellipsis; a shorter one as it is. */
export function elided(text: string): string {
  return text.length <= LONGEST_QUOTED_RUN ? text : `${text.slice(0, KEPT_AT_EACH_END)}…${text.slice(-KEPT_AT_EACH_END)}`;
}
