package io.locolink.simulator.pi4j;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The time the emulated transactions would take on real buses, in nanoseconds: each I2C, SPI and
 * serial transfer and each conversion wait advances it. It times emulated conversions and is
 * what the benchmark reports as bus time. Thread-safe.
 */
public final class EmulatedBusClock {

  private final AtomicLong nanos = new AtomicLong();

  public long nanos() {
    return nanos.get();
  }

  public void advance(long deltaNanos) {
    nanos.addAndGet(deltaNanos);
  }
}
