package io.locolink.gateway.systemd;

import com.sun.jna.LastErrorException;
import io.locolink.gateway.systemd.UnixDatagram.CLibrary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A bound Unix datagram socket standing in for systemd's notify socket: receives what a service sends. A path
 * starting with {@code @} is an abstract socket, reachable by a service running as another user.
 */
public final class NotifyListener implements AutoCloseable {

  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;

  private static final int EAGAIN = 11;

  private final int fd;
  final Path path;

  /** Bound at {@code path}; {@link #receive()} waits up to 10 s. */
  public NotifyListener(Path path) {
    this(path, Duration.ofSeconds(10));
  }

  /** Bound at {@code path}; {@link #receive()} waits up to {@code timeout} (whole seconds and microseconds). */
  public NotifyListener(Path path, Duration timeout) {
    this.path = path;
    CLibrary c = CLibrary.INSTANCE;
    fd = c.socket(UnixDatagram.AF_UNIX, UnixDatagram.SOCK_DGRAM, 0);
    byte[] address = UnixDatagram.address(path.toString());
    c.bind(fd, address, address.length);
    ByteBuffer timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    // struct timeval {tv_sec; tv_usec} on a 64-bit Linux
    timeval.putLong(timeout.toSeconds()).putLong(timeout.toNanosPart() / 1000);
    c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeval.array(), 16);
  }

  /** The next datagram; fails when the timeout passes without one. */
  public String receive() {
    return poll().orElseThrow(() -> new AssertionError("no notification within the timeout at " + path));
  }

  /** The next datagram, or empty when the timeout passes without one. */
  public Optional<String> poll() {
    byte[] buffer = new byte[4096];
    long n;
    try {
      n = CLibrary.INSTANCE.recv(fd, buffer, buffer.length, 0);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EAGAIN) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(new String(buffer, 0, (int) n, StandardCharsets.UTF_8));
  }

  /** The socket's path ({@code NOTIFY_SOCKET} for the service). */
  public Path path() {
    return path;
  }

  @Override
  public void close() {
    CLibrary.INSTANCE.close(fd);
  }
}
