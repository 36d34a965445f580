package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.devices.SampleClock;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs acquisition cycles on one daemon thread, paced by a {@link SampleClock}: a cycle, then
 * {@link SampleClock#advance()} to the next sample instant, then a wait for the next wall deadline
 * (start + n x the clock's wall period). A cycle that runs late starts at once; more than a second
 * behind, the deadlines are re-anchored instead of catching up in a burst. Sample times come from the
 * clock, so pacing never changes what a sample says.
 *
 * <p>Sampling starts before the rest of the gateway is open: until {@link #attach} hands over the
 * pipeline, a cycle only takes a snapshot and keeps it (at most {@code backlogCapacity}; when that
 * many are kept, sampling waits for the pipeline instead of dropping one). Once attached, the kept
 * snapshots go through {@link GatewayPipeline#process} first, in the order they were taken, then
 * every cycle runs whole. So the first frame's span starts with the first sample, however long the
 * journal and the stores take to open, and no snapshot taken is left out of them.
 *
 * <p>A failing cycle is logged and the next one runs: the gateway never stops acquiring because of
 * one fault. An {@link Error} is not a fault of one cycle: it is logged and handed to the fatal
 * handler.
 */
public final class PipelineRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
  private static final long MAX_LAG_NANOS = 1_000_000_000L;

  private final SnapshotSource source;
  private final SampleClock clock;
  private final int backlogCapacity;
  private final ArrayDeque<Snapshot> backlog = new ArrayDeque<>();  // acquisition thread only
  private final Thread thread;
  private final Consumer<Throwable> onFatal;
  private volatile GatewayPipeline pipeline;
  private volatile boolean stopping;
  private volatile Runnable cycleDone = () -> {};
  private long failures;

  /**
   * @param source what every cycle samples; the pipeline attached later must process exactly its snapshots
   * @param backlogCapacity how many snapshots are kept at most until the pipeline is attached (at least 1)
   * @param onFatal called once, on the acquisition thread, when a cycle throws an {@link Error}
   *     (a missing native library, out of memory): acquisition has stopped and the process should go
   */
  public PipelineRunner(SnapshotSource source, SampleClock clock, int backlogCapacity, String name,
      Consumer<Throwable> onFatal) {
    if (backlogCapacity < 1) {
      throw new IllegalArgumentException("backlogCapacity must be at least 1, was " + backlogCapacity);
    }
    this.source = source;
    this.clock = clock;
    this.backlogCapacity = backlogCapacity;
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

  /** Starts sampling; returns at once. The first cycle samples the clock's current instant. */
  public void start() {
    thread.start();
  }

  /**
   * Hands over the pipeline: the snapshots kept so far go through it at once, on the acquisition
   * thread, then every cycle runs whole. Non-blocking; call once, from any thread.
   *
   * @throws IllegalStateException if a pipeline was attached before
   */
  public void attach(GatewayPipeline pipeline) {
    if (this.pipeline != null) {
      throw new IllegalStateException("a pipeline is already attached");
    }
    this.pipeline = pipeline;
    LockSupport.unpark(thread);
  }

  private void run() {
    long period = clock.wallPeriodNanos();
    long anchor = System.nanoTime();
    long n = 0;
    while (!stopping) {
      if (pipeline == null && backlog.size() >= backlogCapacity) {
        LockSupport.park(this);  // the start is slow: no further sample until the pipeline takes these
        continue;
      }
      if (!cycle()) {
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
        if (pipeline != null && !backlog.isEmpty()) {
          if (!handOverBacklog()) {
            return;
          }
          continue;
        }
        LockSupport.parkNanos(this, deadline - now);
      }
    }
    finish();
  }

  /** One cycle: a snapshot, kept or (after the backlog) processed; false when a fatal error stopped acquisition. */
  private boolean cycle() {
    Snapshot snapshot;
    try {
      snapshot = source.acquire();
    } catch (RuntimeException | Error e) {
      return failed(e);
    }
    GatewayPipeline p = pipeline;
    if (p == null) {
      backlog.add(snapshot);
      return true;
    }
    return handOverBacklog() && process(p, snapshot);
  }

  private boolean handOverBacklog() {
    GatewayPipeline p = pipeline;
    Snapshot kept;
    while ((kept = backlog.poll()) != null) {
      if (!process(p, kept)) {
        return false;
      }
    }
    return true;
  }

  private boolean process(GatewayPipeline p, Snapshot snapshot) {
    try {
      p.process(snapshot);
      return true;
    } catch (RuntimeException | Error e) {
      return failed(e);
    }
  }

  /** Logs a failed cycle; true to go on, false (after the fatal handler) for an {@link Error}. */
  private boolean failed(Throwable e) {
    if (e instanceof Error) {
      LOG.error("acquisition stopped by a fatal error", e);
      stopping = true;
      onFatal.accept(e);
      return false;
    }
    failures++;
    if (failures < 10 || failures % 100 == 0) {
      LOG.error("acquisition cycle failed ({} so far); continuing", failures, e);
    }
    return true;
  }

  /** At a stop: the kept snapshots still go through an attached pipeline, or are counted as never stored. */
  private void finish() {
    if (pipeline != null) {
      handOverBacklog();
    } else if (!backlog.isEmpty()) {
      LOG.info("stopped before the gateway had started: {} snapshots taken were not stored", backlog.size());
      backlog.clear();
    }
  }

  /**
   * Stops cycling and waits up to 5 s for the running cycle, and the hand-over of any snapshots kept, to end
   * (at once on the acquisition thread). Idempotent.
   */
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
