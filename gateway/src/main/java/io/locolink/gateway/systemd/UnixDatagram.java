package io.locolink.gateway.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sends one datagram to a Unix socket through the C library ({@code socket(AF_UNIX, SOCK_DGRAM)},
 * {@code sendto}); the JDK's Unix-domain channels are stream-only. A path starting with {@code @}
 * names a socket in the abstract namespace, as in {@code NOTIFY_SOCKET}. Linux only. Thread-safe:
 * each send opens and closes its own socket.
 */
public final class UnixDatagram {

  /** Longest socket path a {@code sockaddr_un} holds, bytes, without the terminating NUL. */
  public static final int MAX_PATH_BYTES = 107;

  static final short AF_UNIX = 1;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = 0x80000;

  /** The C library calls used here and by the tests' receiving socket. */
  public interface CLibrary extends Library {
    /** The process's C library, errno kept for {@link LastErrorException}. */
    CLibrary INSTANCE = Native.load("c", CLibrary.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    int sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
        throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private UnixDatagram() {}

  /**
   * Sends {@code message} to the socket at {@code path}; blocks only as long as the kernel takes
   * to queue it.
   *
   * @throws LastErrorException with the C library's errno if the socket cannot be reached
   * @throws IllegalArgumentException if the path is empty or too long for a Unix socket address
   */
  public static void send(String path, String message) {
    byte[] address = address(path);
    byte[] payload = message.getBytes(StandardCharsets.UTF_8);
    CLibrary c = CLibrary.INSTANCE;
    int fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    try {
      c.sendto(fd, payload, payload.length, 0, address, address.length);
    } finally {
      c.close(fd);
    }
  }

  /**
   * The {@code sockaddr_un} of {@code path} as bytes: the family in host order, then the path (a
   * leading {@code @} becomes the NUL of an abstract name).
   */
  public static byte[] address(String path) {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    if (name.length == 0 || name.length > MAX_PATH_BYTES) {
      throw new IllegalArgumentException("a Unix socket path has 1.." + MAX_PATH_BYTES + " bytes, got "
          + name.length);
    }
    boolean abstractName = name[0] == '@';
    if (abstractName) {
      name[0] = 0;
    }
    // An abstract address is exactly as long as its name; a path one byte longer, for its NUL.
    byte[] address = new byte[2 + name.length + (abstractName ? 0 : 1)];
    ByteBuffer.wrap(address).order(ByteOrder.nativeOrder()).putShort(AF_UNIX);  // sa_family_t, host order
    System.arraycopy(name, 0, address, 2, name.length);
    return address;
  }
}
