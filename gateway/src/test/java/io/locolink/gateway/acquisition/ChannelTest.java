package io.locolink.gateway.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChannelTest {

  private final Channel channel = new Channel(0, 100, 10, 3);

  @Test
  void rangeRateAndStuck() {
    assertEquals(0, channel.accept(50, 0).flags());
    assertTrue(QualityFlag.OUT_OF_RANGE.in(channel.accept(150, 100_000_000_000L).flags()));
    // 50 -> 60 in 0.1 s is 100 per second, limit 10
    Channel fresh = new Channel(0, 100, 10, 0);
    fresh.accept(50, 0);
    assertTrue(QualityFlag.RATE_OF_CHANGE.in(fresh.accept(60, 100_000_000L).flags()));
    Channel stuck = new Channel(0, 100, 1e9, 3);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, stuck.accept(42, i * 1_000_000L).flags());
    }
    assertTrue(QualityFlag.STUCK.in(stuck.accept(42, 4_000_000L).flags()));
  }

  @Test
  void failedReadKeepsLastGoodValueFlaggedStale() {
    Reading never = channel.failed(QualityFlag.BUS_ERROR.bit());
    assertTrue(Double.isNaN(never.value()) && QualityFlag.STALE.in(never.flags()));
    channel.accept(33, 0);
    Reading failed = channel.failed(QualityFlag.TIMEOUT.bit());
    assertEquals(33, failed.value());
    assertTrue(QualityFlag.TIMEOUT.in(failed.flags()) && QualityFlag.STALE.in(failed.flags()));
  }
}
