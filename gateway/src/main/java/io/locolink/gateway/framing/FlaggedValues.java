package io.locolink.gateway.framing;

import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import io.locolink.proto.v1.QualityFlag;
import io.locolink.proto.v1.TelemetryFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which of a frame's values its quality entries flag, by channel and index (a cell number, a drive
 * number): a value no entry lists is good. An entry covers {@code count} indices from {@code index},
 * a count of 0 meaning just {@code index} as for 1 (the wire's {@code ChannelQuality}, whose count
 * the gateway leaves out for a single index). As in the gateway's own cell statistics, a value whose
 * only flag is the unsynced clock counts as good (the flag is about its time, not its value).
 * Immutable, thread-safe.
 */
public final class FlaggedValues {

  private static final int CLOCK_ONLY = 1 << QualityFlag.QUALITY_UNSYNCED_CLOCK_VALUE;
  private static final String CLOCK_NAME = QualityFlag.QUALITY_UNSYNCED_CLOCK.name().substring("QUALITY_".length());
  private static final Map<String, Channel> BY_NAME = Stream.of(Channel.values())
      .collect(Collectors.toMap(c -> c.name().replace("CHANNEL_", ""), Function.identity()));

  /** {@code count} indices (unsigned) of {@code channel} from {@code first} (unsigned). */
  private record Run(Channel channel, long first, long count) {

    boolean covers(Channel c, int index) {
      long at = Integer.toUnsignedLong(index);
      return c == channel && at >= first && at - first < count;
    }
  }

  private final List<Run> runs;

  private FlaggedValues(List<Run> runs) {
    this.runs = List.copyOf(runs);
  }

  private static Run run(Channel channel, int index, int count) {
    return new Run(channel, Integer.toUnsignedLong(index), Math.max(1, Integer.toUnsignedLong(count)));
  }

  /** The flagged values of a frame as it came off the wire. */
  public static FlaggedValues of(TelemetryFrame f) {
    List<Run> runs = new ArrayList<>();
    for (ChannelQuality q : f.getQualityList()) {
      if ((q.getFlags() & ~CLOCK_ONLY) != 0) {
        runs.add(run(q.getChannel(), q.getIndex(), q.getCount()));
      }
    }
    return new FlaggedValues(runs);
  }

  /**
   * The flagged values of a decoded frame's quality entries ({@link DecodedFrame#quality()}), read by
   * the same rule as {@link #of(TelemetryFrame)}: {@code index} and {@code count} unsigned, a count of
   * 0 one index. An entry naming a channel this version does not know flags nothing it can be asked about.
   */
  public static FlaggedValues of(List<DecodedFrame.Quality> quality) {
    List<Run> runs = new ArrayList<>();
    for (DecodedFrame.Quality q : quality) {
      Channel channel = BY_NAME.get(q.channel());
      if (channel != null && q.flags().stream().anyMatch(flag -> !flag.equals(CLOCK_NAME))) {
        runs.add(run(channel, q.index(), q.count()));
      }
    }
    return new FlaggedValues(runs);
  }

  /** True when no quality entry of the frame flags {@code channel}'s value at {@code index} (unsigned). */
  public boolean good(Channel channel, int index) {
    for (Run r : runs) {
      if (r.covers(channel, index)) {
        return false;
      }
    }
    return true;
  }
}
