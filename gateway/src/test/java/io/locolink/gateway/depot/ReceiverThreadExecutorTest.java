package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Jobs run inline only on a connector's receiving thread. The depot once stopped for good when the
 * battery notification thread ran an exchange's job inline while holding the exchange's lock and
 * waited for the connection's, which the receiving thread held while waiting for the exchange's.
 */
class ReceiverThreadExecutorTest {

  @Test
  void onlyTheReceivingThreadRunsJobsInline() throws Exception {
    ReceiverThreadExecutor executor = new ReceiverThreadExecutor(1);
    try {
      assertEquals("DTLS-Receiver-0-/127.0.0.1:5684", ranOn(executor, "DTLS-Receiver-0-/127.0.0.1:5684"));
      assertEquals("UDP-Receiver-/127.0.0.1:5683[0]", ranOn(executor, "UDP-Receiver-/127.0.0.1:5683[0]"));
      assertNotEquals("depot-notify", ranOn(executor, "depot-notify"));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aNotifierHoldingOneLockNoLongerWaitsForTheReceiversLock() throws Exception {
    ReceiverThreadExecutor executor = new ReceiverThreadExecutor(1);
    ReentrantLock exchange = new ReentrantLock();
    ReentrantLock connection = new ReentrantLock();
    CountDownLatch receiverHoldsConnection = new CountDownLatch(1);
    CountDownLatch notifierHoldsExchange = new CountDownLatch(1);
    AtomicBoolean receiverGotExchange = new AtomicBoolean();
    CompletableFuture<Boolean> jobGotConnection = new CompletableFuture<>();
    try {
      // the receiving thread holds the connection's lock and then wants the exchange's
      Thread receiver = new Thread(() -> {
        connection.lock();
        try {
          receiverHoldsConnection.countDown();
          await(notifierHoldsExchange);
          if (tryLock(exchange)) {
            receiverGotExchange.set(true);
            exchange.unlock();
          }
        } finally {
          connection.unlock();
        }
      }, "DTLS-Receiver-0-test");
      // the notifier holds the exchange's lock while it hands over a job that needs the connection's
      Thread notifier = new Thread(() -> {
        exchange.lock();
        try {
          notifierHoldsExchange.countDown();
          await(receiverHoldsConnection);
          while (!exchange.hasQueuedThreads()) {
            Thread.onSpinWait(); // until the receiver waits for the exchange
          }
          executor.execute(() -> {
            boolean got = tryLock(connection);
            if (got) {
              connection.unlock();
            }
            jobGotConnection.complete(got);
          });
        } finally {
          exchange.unlock();
        }
      }, "depot-notify");
      receiver.start();
      notifier.start();
      assertTrue(jobGotConnection.get(60, TimeUnit.SECONDS), "the notifier's job got the connection");
      receiver.join();
      assertTrue(receiverGotExchange.get(), "the receiving thread got the exchange");
    } finally {
      executor.shutdownNow();
    }
  }

  /** A lock taken within 10 s, or false: with the old inline rule both threads gave up here. */
  private static boolean tryLock(ReentrantLock lock) {
    try {
      return lock.tryLock(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String ranOn(ReceiverThreadExecutor executor, String callerName) throws Exception {
    CompletableFuture<String> ranOn = new CompletableFuture<>();
    Thread caller = new Thread(() -> executor.execute(() -> ranOn.complete(Thread.currentThread().getName())),
        callerName);
    caller.start();
    caller.join();
    return ranOn.get(30, TimeUnit.SECONDS);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
