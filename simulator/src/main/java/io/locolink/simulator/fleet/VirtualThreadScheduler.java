package io.locolink.simulator.fleet;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A scheduled executor for Paho clients: timed tasks (keep-alive pings) run on one virtual
 * thread, while every submitted task (Paho's long-running sender, receiver and callback loops)
 * gets a virtual thread of its own. Shared by many clients; shut down after closing them.
 */
final class VirtualThreadScheduler extends ScheduledThreadPoolExecutor {

  private final ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor();

  VirtualThreadScheduler() {
    super(1, Thread.ofVirtual().name("mqtt-timer-", 0).factory());
  }

  @Override
  public void execute(Runnable command) {
    loops.execute(command);
  }

  @Override
  public Future<?> submit(Runnable task) {
    return loops.submit(task);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return loops.submit(task, result);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return loops.submit(task);
  }

  @Override
  public void shutdown() {
    super.shutdown();
    loops.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    loops.shutdownNow();
    return super.shutdownNow();
  }
}
