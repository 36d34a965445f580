package io.locolink.gateway.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link GatewayPipeline#tick()} at the acquisition rate on one daemon thread. A failing
 * cycle is logged and the next one runs: the gateway never stops acquiring because of one fault.
 * An {@link Error} is not a fault of one cycle: it is logged and handed to the fatal handler.
 */
public final class PipelineRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  private final GatewayPipeline pipeline;
  private final long periodNanos;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Throwable> onFatal;
  private volatile Runnable cycleDone = () -> {};
  private long failures;

  /**
   * @param onFatal called once, on the acquisition thread, when a cycle throws an {@link Error}
   *     (a missing native library, out of memory): acquisition has stopped and the process should go
   */
  public PipelineRunner(GatewayPipeline pipeline, long periodNanos, String name, Consumer<Throwable> onFatal) {
    this.pipeline = pipeline;
    this.onFatal = onFatal;
    this.periodNanos = periodNanos;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code action} on the acquisition thread after every cycle that returned, failed or not
   * (the watchdog ping: a cycle that hangs never gets there). Set before {@link #start()}.
   */
  public void afterEachCycle(Runnable action) {
    this.cycleDone = action;
  }

  /** Starts ticking; returns at once. */
  public void start() {
    scheduler.scheduleAtFixedRate(this::safeTick, 0, periodNanos, TimeUnit.NANOSECONDS);
  }

  private void safeTick() {
    try {
      pipeline.tick();
    } catch (RuntimeException e) {
      failures++;
      if (failures < 10 || failures % 100 == 0) {
        LOG.error("acquisition cycle failed ({} so far); continuing", failures, e);
      }
    } catch (Error e) {
      LOG.error("acquisition stopped by a fatal error", e);
      scheduler.shutdown();
      onFatal.accept(e);
      return;
    }
    cycleDone.run();
  }

  /** Stops ticking and waits up to 5 s for the running cycle to end. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
