package io.locolink.gateway.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with an {@link EarlyEndGuard}, for {@code tcp://} brokers; every socket it
 * creates is handed to {@code created} (so a connect in progress can be aborted by closing it).
 */
final class GraceSocketFactory extends SocketFactory {

  private final Consumer<Socket> created;

  GraceSocketFactory(Consumer<Socket> created) {
    this.created = created;
  }

  @Override
  public Socket createSocket() {
    Socket s = new GuardedSocket();
    created.accept(s);
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port));
  }

  private Socket connected(InetSocketAddress to) throws IOException {
    Socket s = createSocket();
    s.connect(to);
    return s;
  }

  private static final class GuardedSocket extends Socket {
    private final EarlyEndGuard guard = new EarlyEndGuard();

    @Override
    public InputStream getInputStream() throws IOException {
      return guard.guard(super.getInputStream());
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return guard.guard(super.getOutputStream());
    }
  }
}
