package io.locolink.gateway.systemd;

import io.locolink.gateway.systemd.UnixDatagram.CLibrary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A bound Unix datagram socket standing in for systemd's notify socket: receives what a service sends. */
final class NotifyListener implements AutoCloseable {

  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;

  private final int fd;
  final Path path;

  NotifyListener(Path path) {
    this.path = path;
    CLibrary c = CLibrary.INSTANCE;
    fd = c.socket(UnixDatagram.AF_UNIX, UnixDatagram.SOCK_DGRAM, 0);
    byte[] address = UnixDatagram.address(path.toString());
    c.bind(fd, address, address.length);
    ByteBuffer timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    timeval.putLong(10).putLong(0);  // struct timeval {tv_sec = 10; tv_usec = 0} on a 64-bit Linux
    c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeval.array(), 16);
  }

  /** The next datagram; fails after 10 s without one. */
  String receive() {
    byte[] buffer = new byte[4096];
    long n = CLibrary.INSTANCE.recv(fd, buffer, buffer.length, 0);
    return new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    CLibrary.INSTANCE.close(fd);
  }
}
