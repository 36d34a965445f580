package io.locolink.gateway.app;

import io.locolink.gateway.devices.SampleClock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link GatewayPipeline#tick()} on one daemon thread, paced by a {@link SampleClock}: a
 * cycle, then {@link SampleClock#advance()} to the next sample instant, then a wait for the next
 * wall deadline (start + n x the clock's wall period). A cycle that runs late starts at once; more
 * than a second behind, the deadlines are re-anchored instead of catching up in a burst. Sample
 * times come from the clock, so pacing never changes what a sample says.
 *
 * <p>A failing cycle is logged and the next one runs: the gateway never stops acquiring because of
 * one fault. An {@link Error} is not a fault of one cycle: it is logged and handed to the fatal
 * handler.
 */
public final class PipelineRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
  private static final long MAX_LAG_NANOS = 1_000_000_000L;

  private final GatewayPipeline pipeline;
  private final SampleClock clock;
  private final Thread thread;
  private final Consumer<Throwable> onFatal;
  private volatile boolean stopping;
  private volatile Runnable cycleDone = () -> {};
  private long failures;

  /**
   * @param onFatal called once, on the acquisition thread, when a cycle throws an {@link Error}
   *     (a missing native library, out of memory): acquisition has stopped and the process should go
   */
  public PipelineRunner(GatewayPipeline pipeline, SampleClock clock, String name, Consumer<Throwable> onFatal) {
    this.pipeline = pipeline;
    this.clock = clock;
    this.onFatal = onFatal;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /**
   * Runs {@code action} on the acquisition thread after every cycle that returned, failed or not
   * (the watchdog ping: a cycle that hangs never gets there). Set before {@link #start()}.
   */
  public void afterEachCycle(Runnable action) {
    this.cycleDone = action;
  }

  /** Starts cycling; returns at once. The first cycle samples the clock's current instant. */
  public void start() {
    thread.start();
  }

  private void run() {
    long period = clock.wallPeriodNanos();
    long anchor = System.nanoTime();
    long n = 0;
    while (!stopping) {
      if (!safeTick()) {
        return;
      }
      cycleDone.run();
      clock.advance();
      n++;
      long deadline = anchor + n * period;
      long now = System.nanoTime();
      if (now - deadline > MAX_LAG_NANOS) {
        anchor = now;
        n = 0;
        continue;
      }
      while (!stopping && (now = System.nanoTime()) < deadline) {
        LockSupport.parkNanos(this, deadline - now);
      }
    }
  }

  /** One cycle; false when a fatal error stopped acquisition. */
  private boolean safeTick() {
    try {
      pipeline.tick();
      return true;
    } catch (RuntimeException e) {
      failures++;
      if (failures < 10 || failures % 100 == 0) {
        LOG.error("acquisition cycle failed ({} so far); continuing", failures, e);
      }
      return true;
    } catch (Error e) {
      LOG.error("acquisition stopped by a fatal error", e);
      stopping = true;
      onFatal.accept(e);
      return false;
    }
  }

  /** Stops cycling and waits up to 5 s for the running cycle to end (at once on the acquisition thread). */
  @Override
  public void close() {
    stopping = true;
    LockSupport.unpark(thread);
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
