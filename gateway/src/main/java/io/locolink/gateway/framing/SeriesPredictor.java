package io.locolink.gateway.framing;

/**
 * One channel's recent samples and its predictors: the previous sample, linear extrapolation from
 * the last two, the mean of the last {@value #WINDOW}, and that mean corrected by a companion
 * channel's sample at the same instant (for the pack voltage, the pack current: the voltage falls by
 * the pack's resistance times the current, so its deviation from its mean follows the current's,
 * with a slope learnt by least squares over the recent samples). Each predictor keeps a decaying sum
 * of its absolute errors, and the prediction is the one of the predictor with the smallest sum (the
 * first on a tie). Integer arithmetic only, so coder and decoder agree on every platform.
 */
final class SeriesPredictor {

  /** Samples the level prediction averages. */
  static final int WINDOW = 10;

  private static final int PREDICTORS = 4;
  /** An error's weight halves over about 11 samples: cost = cost - cost / 16 + |error|. */
  private static final int DECAY_SHIFT = 4;
  /** The slope's sums forget over about 64 samples. */
  private static final int SLOPE_DECAY_SHIFT = 6;
  /** Deviations from the mean beyond this count as this much in the slope (no overflow). */
  private static final long MAX_DEVIATION = 1 << 15;

  private final long[] recent = new long[WINDOW];
  private final long[] companions = new long[WINDOW];
  private final long[] cost = new long[PREDICTORS];
  private long sumProducts;
  private long sumSquares;
  private int count;

  /** The prediction of the next sample, whose companion sample is {@code companion} (0 if none). */
  long predict(long companion) {
    return prediction(best(), companion);
  }

  /** Adds the sample {@code value}, whose companion sample was {@code companion}. */
  void add(long value, long companion) {
    for (int p = 0; p < PREDICTORS; p++) {
      long error = Math.abs(value - prediction(p, companion));
      cost[p] = cost[p] - (cost[p] >> DECAY_SHIFT) + Math.min(error, 1L << 40);
    }
    if (count > 0) {
      long dv = clamp(value - mean(recent));
      long di = clamp(companion - mean(companions));
      sumProducts = sumProducts - (sumProducts >> SLOPE_DECAY_SHIFT) + dv * di;
      sumSquares = sumSquares - (sumSquares >> SLOPE_DECAY_SHIFT) + di * di;
    }
    recent[count % WINDOW] = value;
    companions[count % WINDOW] = companion;
    count++;
  }

  private int best() {
    int best = 0;
    for (int p = 1; p < PREDICTORS; p++) {
      if (cost[p] < cost[best]) {
        best = p;
      }
    }
    return best;
  }

  private long prediction(int predictor, long companion) {
    if (count == 0) {
      return 0;
    }
    long last = recent[(count - 1) % WINDOW];
    return switch (predictor) {
      case 0 -> last;
      case 1 -> count < 2 ? last : 2 * last - recent[(count - 2) % WINDOW];
      case 2 -> mean(recent);
      default -> mean(recent) + slopeTimes(clamp(companion - mean(companions)));
    };
  }

  /** The learnt slope times {@code deviation}, rounded half up; 0 before the companion has varied. */
  private long slopeTimes(long deviation) {
    return sumSquares == 0 ? 0 : Math.floorDiv(2 * sumProducts * deviation + sumSquares, 2 * sumSquares);
  }

  private static long clamp(long deviation) {
    return Math.max(-MAX_DEVIATION, Math.min(MAX_DEVIATION, deviation));
  }

  /** The mean of the last samples of {@code ring} (up to {@value #WINDOW}), rounded half up. */
  private long mean(long[] ring) {
    int n = Math.min(count, WINDOW);
    long sum = 0;
    for (int i = 1; i <= n; i++) {
      sum += ring[(count - i) % WINDOW];
    }
    return Math.floorDiv(2 * sum + n, 2L * n);
  }
}
