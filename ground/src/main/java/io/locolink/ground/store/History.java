package io.locolink.ground.store;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A locomotive's history downsampled into buckets of equal width, aligned to multiples of the width
 * since the Unix epoch. Arrays are indexed by bucket; a bucket without data is null in every array,
 * so a chart shows a gap rather than joining across it.
 *
 * @param bucketSeconds the width of a bucket
 * @param source {@code second} (per-second rows) or {@code minute} (per-minute rollups)
 * @param bucketStartS each bucket's start, Unix seconds
 * @param series per channel: min, max and mean of each bucket
 */
public record History(String locomotive, long bucketSeconds, String source, long[] bucketStartS,
    Map<Channel, Series> series) {

  /** One channel's buckets; values at the channel's resolution, the mean with one more decimal. */
  public record Series(List<BigDecimal> min, List<BigDecimal> max, List<BigDecimal> mean, List<Long> count) {}
}
