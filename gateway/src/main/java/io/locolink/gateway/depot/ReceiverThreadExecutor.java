package io.locolink.gateway.depot;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A scheduler whose {@link #execute} runs the job at once on the calling thread when that is a
 * connector's receiving thread, while timed jobs, and jobs handed over by any other thread, go to
 * its pool. Handing every received datagram to a pool costs a thread switch per block; on a
 * latency-bound block-wise download that halves the throughput. Only the receiving threads run
 * inline because Californium calls {@code execute} while holding a serial executor's lock: a
 * notification thread (or a timer, or a caller's thread) that ran an exchange's job inline would
 * wait for the connection's lock while holding the exchange's, as the receiving thread waits the
 * other way round, and both would stop for good. Jobs must not block for long: depot handlers only
 * read a block from a file. Used by the depot server and by the ground's depot client.
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
    if (onReceivingThread()) {
      command.run();
    } else {
      super.execute(command);
    }
  }

  /** Californium names its connectors' receiving threads "DTLS-Receiver-..." and "UDP-Receiver-...". */
  private static boolean onReceivingThread() {
    String name = Thread.currentThread().getName();
    return name.startsWith("DTLS-Receiver-") || name.startsWith("UDP-Receiver-");
  }
}
