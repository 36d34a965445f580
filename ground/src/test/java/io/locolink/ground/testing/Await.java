package io.locolink.ground.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition the test observes (database rows, counters), failing with a message on timeout. */
public final class Await {

  private Await() {}

  /** Polls {@code condition} every 20 ms until it holds. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
