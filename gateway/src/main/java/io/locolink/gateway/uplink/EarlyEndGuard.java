package io.locolink.gateway.uplink;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds back an end of stream, or an error from a read or from {@code available()}, that comes
 * before the client wrote anything on the connection, for at most {@link #HOLD_MS}; one guard per
 * socket.
 *
 * <p>Why: Paho 1.2.5's connect thread starts the receiver, sender and callback threads one after
 * the other and, for each, polls every 100 ms until it runs, swallowing interrupts. When the peer
 * closes at once (a load balancer without a backend, a broker at its connection limit, a TLS
 * terminator that cannot reach the broker), those threads end before the poll sees them and the
 * connect thread spins forever: a leaked thread per attempt and a connect that never completes.
 * Paho writes CONNECT only after all three started, so holding an early end back until the first
 * write removes the race. The receiver's first call is {@code available()}: on a socket that an
 * abort closed before the receiver ran, that call fails at once, so it is held back too.
 */
final class EarlyEndGuard {

  static final long HOLD_MS = 3000;

  private final long holdMs;
  private final CountDownLatch written = new CountDownLatch(1);

  EarlyEndGuard() {
    this(HOLD_MS);
  }

  /** @param holdMs the longest an early end is held back, milliseconds */
  EarlyEndGuard(long holdMs) {
    this.holdMs = holdMs;
  }

  InputStream guard(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return hold(in.read());
        } catch (IOException e) {
          hold(-1);
          throw e;
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return hold(in.read(b, off, len));
        } catch (IOException e) {
          hold(-1);
          throw e;
        }
      }

      @Override
      public int available() throws IOException {
        try {
          return in.available();
        } catch (IOException e) {
          hold(-1);
          throw e;
        }
      }
    };
  }

  OutputStream guard(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        written.countDown();
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        written.countDown();
        out.write(b, off, len);
      }
    };
  }

  private int hold(int n) {
    if (n < 0) {
      try {
        written.await(holdMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return n;
  }
}
