package io.locolink.gateway.uplink;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one Paho connection, either client version: the executor a connection gets when
 * none is shared, and the closing of a connection, after which none of its threads runs on.
 */
final class PahoThreads {

  private static final Logger LOG = LoggerFactory.getLogger(PahoThreads.class);
  /** Paho's loops of one connection: sender, receiver, callback, pinger, and some slack. */
  private static final int THREADS = 6;

  /** One step of closing a client; what it throws is ignored, the closing goes on. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  private PahoThreads() {}

  /** A fresh executor for connection number {@code connection}: daemon threads named {@code uplink-paho-N-K}. */
  static ScheduledExecutorService forConnection(int connection) {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newScheduledThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "uplink-paho-" + connection + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs the steps that close a client, each whatever the one before it threw, then stops
   * {@code ownExecutor} and waits up to 2 s for its threads to end.
   *
   * @param ownExecutor the connection's own executor; null when it is shared and outlives the connection
   */
  static void close(ScheduledExecutorService ownExecutor, Step... steps) {
    for (Step step : steps) {
      try {
        step.run();
      } catch (Exception e) {
        LOG.debug("uplink: closing a Paho client anyway: {}", e.toString());
      }
    }
    if (ownExecutor == null) {
      return;
    }
    ownExecutor.shutdownNow();
    try {
      if (!ownExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("uplink: Paho threads of a closed connection did not stop within 2 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
