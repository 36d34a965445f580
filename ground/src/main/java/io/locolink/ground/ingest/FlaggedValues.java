package io.locolink.ground.ingest;

import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import io.locolink.proto.v1.QualityFlag;
import io.locolink.proto.v1.TelemetryFrame;
import java.util.List;

/**
 * Which of a frame's values its quality entries flag, by channel and index (a cell number, a drive
 * number): a value no entry lists is good. As in the gateway's own cell statistics, a value whose
 * only flag is the unsynced clock counts as good (the flag is about its time, not its value).
 * Immutable.
 */
final class FlaggedValues {

  private static final int CLOCK_ONLY = 1 << QualityFlag.QUALITY_UNSYNCED_CLOCK_VALUE;

  private final List<ChannelQuality> entries;

  private FlaggedValues(List<ChannelQuality> entries) {
    this.entries = entries;
  }

  /** The flagged values of {@code f}. */
  static FlaggedValues of(TelemetryFrame f) {
    return new FlaggedValues(f.getQualityList().stream().filter(q -> (q.getFlags() & ~CLOCK_ONLY) != 0).toList());
  }

  /** True when no quality entry of the frame flags {@code channel}'s value at {@code index}. */
  boolean good(Channel channel, int index) {
    long at = Integer.toUnsignedLong(index);
    for (ChannelQuality q : entries) {
      long first = Integer.toUnsignedLong(q.getIndex());
      long count = Math.max(1, Integer.toUnsignedLong(q.getCount()));
      if (q.getChannel() == channel && at >= first && at - first < count) {
        return false;
      }
    }
    return true;
  }
}
