/**
 * Value shapes shared by many keys (data only). Each constant describes how the kernel parses a
 * write for one handler family; see docs/reference/kernel-keys.md §1.
 */

import type { BooleanValue, BoundsEra, IntegerValue } from './types';

/** The 5.2 change that made out-of-range unsigned-long writes fail instead of being dropped. */
export const ULONG_MINMAX_BEFORE_5_2: BoundsEra = {
  before: '5.2',
  outOfRange: 'ignored',
  note: 'Before 5.2 an out-of-range write was dropped while sysctl still reported success. ' + 'The fix was also backported to the 4.4.y, 4.14.y, 5.0.y and 5.1.y stable series.',
};

/**
 * Seconds stored as timer ticks (jiffies handler): magnitude up to INT_MAX/HZ; zero and negative
 * numbers are accepted and stored.
 */
export const JIFFIES_SECONDS: IntegerValue = {
  kind: 'integer',
  unit: 'seconds',
  width: 'int',
  handler: 'jiffies',
  min: '-INT_MAX/HZ',
  max: 'INT_MAX/HZ',
  outOfRange: 'einval',
};

/** A u8 switch limited to 0 and 1 (anything else, including negatives, is refused). */
export const U8_SWITCH: BooleanValue = {
  kind: 'boolean',
  width: 'u8',
  handler: 'u8-minmax',
  otherValues: 'einval',
};

/** A u8 switch that older kernels stored as a plain int (any non-zero meant on). */
export const U8_SWITCH_WAS_INT: BooleanValue = {
  ...U8_SWITCH,
  history: [
    {
      outOfRange: 'accepted',
      note: 'Older kernels used a plain int here: any number was accepted and non-zero meant on.',
    },
  ],
};

/** A u8 counter with no bound beyond the u8 range itself. */
export const U8_COUNT: IntegerValue = {
  kind: 'integer',
  unit: 'count',
  width: 'u8',
  handler: 'u8-minmax',
  min: 0,
  max: 255,
  outOfRange: 'einval',
};
