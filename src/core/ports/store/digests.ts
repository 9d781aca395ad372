/**
 * The digest-claims port: at most one weekly digest per (channel, ISO week), even when two
 * processes run the scheduler. Every method returns a Promise.
 */
import type { ChannelScope } from '../../context.js';

/** Weekly digest slots. */
export interface DigestClaimsPort {
  /** Claim the weekly digest slot for (channel, isoWeek "2026-W48") at `at` (ms); false if already claimed. */
  claimDigest(channel: ChannelScope, isoWeek: string, at: number): Promise<boolean>;
  /**
   * Give back a digest claim (the post failed), so a later run may post that week's digest.
   * Resolves false when the week was not claimed.
   */
  releaseDigest(channel: ChannelScope, isoWeek: string): Promise<boolean>;
}
