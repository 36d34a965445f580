package io.locolink.gateway.journal;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Bytes written since 00:00 UTC of the clock's current day. Thread-safe. */
final class DailyCounter {

  private final InstantSource clock;
  private LocalDate day;
  private long bytes;

  DailyCounter(InstantSource clock) {
    this.clock = clock;
    this.day = today(clock);
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
    LocalDate now = today(clock);
    if (!now.equals(day)) {
      day = now;
      bytes = 0;
    }
  }

  private static LocalDate today(InstantSource clock) {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
