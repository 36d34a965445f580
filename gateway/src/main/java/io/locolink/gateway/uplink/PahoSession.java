package io.locolink.gateway.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

/**
 * What the MQTT 3.1.1 and MQTT 5 connections share as a {@link Session}: the in-flight window, the
 * answers Paho's callback thread queues for the link thread, why the connection dropped, and the
 * executor that stops with the connection unless it is shared.
 */
abstract class PahoSession implements Session {

  final ScheduledExecutorService executor;
  final boolean ownExecutor;
  final Semaphore window;
  final Runnable wake;
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private volatile Throwable lostCause;

  /** @param ownExecutor true if the executor is this connection's alone and stops with it */
  PahoSession(ScheduledExecutorService executor, boolean ownExecutor, int inflightWindow, Runnable wake) {
    this.executor = executor;
    this.ownExecutor = ownExecutor;
    this.window = new Semaphore(inflightWindow);
    this.wake = wake;
  }

  @Override
  public final boolean tryReserveSlot() {
    return window.tryAcquire();
  }

  @Override
  public final boolean hasFreeSlot() {
    return window.availablePermits() > 0;
  }

  @Override
  public final void releaseSlot() {
    window.release();
  }

  @Override
  public final boolean hasAnswers() {
    return !answers.isEmpty();
  }

  @Override
  public final List<Answer> takeAnswers() {
    if (answers.isEmpty()) {
      return List.of();
    }
    List<Answer> batch = new ArrayList<>();
    for (Answer a; (a = answers.poll()) != null; ) {
      batch.add(a);
    }
    return batch;
  }

  @Override
  public final Throwable lostCause() {
    return lostCause;
  }

  /** Queues an answer for the link thread (which the caller then wakes); Paho's threads. */
  final void queue(Answer a) {
    answers.add(a);
  }

  /** Records why the connection dropped (the first cause wins) and wakes the link thread; any thread. */
  final void lost(Throwable cause) {
    if (lostCause == null) {
      lostCause = cause == null ? new IllegalStateException("connection lost") : cause;
    }
    wake.run();
  }
}
