package io.locolink.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The guard on a real loopback socket that this side closed before writing anything (as an aborted
 * connect leaves it): Paho's receiver must not see the socket end before Paho's connect thread has
 * written CONNECT. The hold is an hour here, so only the write can end it.
 */
class EarlyEndGuardTest {

  private static final long HOUR_MS = 3_600_000;

  /** A call on the input stream that Paho's receiver makes. */
  @FunctionalInterface
  private interface StreamCall {
    int on(InputStream in) throws IOException;
  }

  @Test
  void availableOnAClosedSocketFailsOnlyOnceSomethingWasWritten() throws Exception {
    assertHeldUntilTheFirstWrite(InputStream::available);
  }

  @Test
  void readOnAClosedSocketFailsOnlyOnceSomethingWasWritten() throws Exception {
    assertHeldUntilTheFirstWrite(InputStream::read);
  }

  /** Runs {@code call} on a guarded stream of a closed socket and checks it fails after, not before, a write. */
  private static void assertHeldUntilTheFirstWrite(StreamCall call) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = new Socket(server.getInetAddress(), server.getLocalPort());
        Socket peer = server.accept()) {
      EarlyEndGuard guard = new EarlyEndGuard(HOUR_MS);
      InputStream in = guard.guard(socket.getInputStream());
      OutputStream out = guard.guard(socket.getOutputStream());
      socket.close();

      AtomicBoolean written = new AtomicBoolean();
      CompletableFuture<Boolean> writtenWhenItFailed = new CompletableFuture<>();
      Thread reader = Thread.ofPlatform().start(() -> {
        try {
          call.on(in);
          writtenWhenItFailed.completeExceptionally(new AssertionError("the closed socket answered"));
        } catch (IOException e) {
          writtenWhenItFailed.complete(written.get());
        }
      });
      // the reader either parks in the guard or (without the guard) has already failed
      while (reader.getState() != Thread.State.TIMED_WAITING && reader.isAlive()) {
        Thread.sleep(5);
      }
      written.set(true);
      try {
        out.write(0x10); // CONNECT's first byte; the socket is closed, so the write fails
      } catch (IOException expected) {
        assertInstanceOf(java.net.SocketException.class, expected);
      }
      assertTrue(writtenWhenItFailed.get(60, TimeUnit.SECONDS), "the socket's end reached the reader before any write");
      reader.join();
      assertEquals(Thread.State.TERMINATED, reader.getState());
    }
  }
}
