package io.locolink.gateway.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link GatewayPipeline#tick()} at the acquisition rate on one daemon thread. A failing
 * cycle is logged and the next one runs: the gateway never stops acquiring because of one fault.
 */
public final class PipelineRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  private final GatewayPipeline pipeline;
  private final long periodNanos;
  private final ScheduledExecutorService scheduler;
  private long failures;

  public PipelineRunner(GatewayPipeline pipeline, long periodNanos, String name) {
    this.pipeline = pipeline;
    this.periodNanos = periodNanos;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
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
    }
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
