package io.locolink.ground.store;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A fleet entry's channel values by API name, in channel order, kept as the scaled integers they
 * are stored as: a value becomes a {@link BigDecimal} at its resolution only when read, so that a
 * snapshot of 4,000 locomotives does not build 70,000 map nodes and decimals up front. Immutable.
 */
final class ScaledValues extends AbstractMap<String, BigDecimal> {

  private static final Channel[] CHANNELS = Channel.values();

  private final long[] scaled;
  private final int present;  // bit c: channel c has a value

  ScaledValues(long[] scaled, boolean[] has) {
    this.scaled = scaled.clone();
    int bits = 0;
    for (int c = 0; c < CHANNELS.length; c++) {
      if (has[c]) {
        bits |= 1 << c;
      }
    }
    this.present = bits;
  }

  @Override
  public int size() {
    return Integer.bitCount(present);
  }

  @Override
  public boolean containsKey(Object key) {
    return index(key) >= 0;
  }

  @Override
  public BigDecimal get(Object key) {
    int c = index(key);
    return c < 0 ? null : CHANNELS[c].value(scaled[c]);
  }

  private int index(Object key) {
    for (int c = 0; c < CHANNELS.length; c++) {
      if ((present & 1 << c) != 0 && CHANNELS[c].apiName().equals(key)) {
        return c;
      }
    }
    return -1;
  }

  @Override
  public Set<Map.Entry<String, BigDecimal>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return ScaledValues.this.size();
      }

      @Override
      public Iterator<Map.Entry<String, BigDecimal>> iterator() {
        return new Iterator<>() {
          private int left = present;

          @Override
          public boolean hasNext() {
            return left != 0;
          }

          @Override
          public Map.Entry<String, BigDecimal> next() {
            if (left == 0) {
              throw new NoSuchElementException();
            }
            int c = Integer.numberOfTrailingZeros(left);
            left &= left - 1;
            return new SimpleImmutableEntry<>(CHANNELS[c].apiName(), CHANNELS[c].value(scaled[c]));
          }
        };
      }
    };
  }
}
