package io.locolink.gateway.depot;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A scheduler whose {@link #execute} runs the job at once on the calling thread (the connector's
 * receiving thread) while timed jobs still go to its pool. Handing every received datagram to a
 * pool costs a thread switch per block; on a latency-bound block-wise download that halves the
 * throughput. Jobs must not block for long: depot handlers only read a block from a file. Used by the
 * depot server and by the ground's depot client.
 */
public final class ReceiverThreadExecutor extends ScheduledThreadPoolExecutor {

  /** A scheduler with {@code timerThreads} daemon threads for timed jobs. */
  public ReceiverThreadExecutor(int timerThreads) {
    super(timerThreads, r -> {
      Thread t = new Thread(r, "depot-timer");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void execute(Runnable command) {
    if (isShutdown()) {
      throw new java.util.concurrent.RejectedExecutionException("executor shut down");
    }
    command.run();
  }
}
