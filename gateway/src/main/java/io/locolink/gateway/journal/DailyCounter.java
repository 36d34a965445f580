package io.locolink.gateway.journal;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Bytes written since 00:00 UTC of the clock's current day. Thread-safe. */
final class DailyCounter {

  private static final long DAY_MS = 86_400_000L;

  private final InstantSource clock;
  private long dayStartMs;
  private long bytes;

  DailyCounter(InstantSource clock) {
    this.clock = clock;
    this.dayStartMs = dayStart(clock.millis());
  }

  synchronized void add(long n) {
    roll();
    bytes += n;
  }

  synchronized long today() {
    roll();
    return bytes;
  }

  private void roll() {
    long now = clock.millis();
    if (now < dayStartMs || now >= dayStartMs + DAY_MS) {
      dayStartMs = dayStart(now);
      bytes = 0;
    }
  }

  private static long dayStart(long ms) {
    return LocalDate.ofEpochDay(Math.floorDiv(ms, DAY_MS)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
