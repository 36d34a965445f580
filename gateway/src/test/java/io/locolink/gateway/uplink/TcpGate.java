package io.locolink.gateway.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between the gateway and the broker that the test can cut (connections dropped, new
 * ones refused) and open again on the same port, so an outage can be ordered against the ground
 * subscriber, which connects to the broker directly. In "accept and close" mode it accepts
 * connections and closes them at once, as a load balancer without a backend does.
 */
final class TcpGate implements AutoCloseable {

  private final int port;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile boolean acceptAndClose;

  TcpGate(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.port = server.getLocalPort();
    startAcceptor(server);
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Drops every relayed connection and refuses new ones until {@link #open()}. */
  synchronized void cut() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  /** Accepts and relays again, on the same port. */
  synchronized void open() throws IOException {
    if (server == null) {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      server = s;
      startAcceptor(s);
    }
  }

  /** From now on, accept connections and close them at once. */
  void acceptAndClose() {
    acceptAndClose = true;
  }

  private void startAcceptor(ServerSocket s) {
    Thread t = new Thread(() -> acceptLoop(s), "tcp-gate");
    t.setDaemon(true);
    t.start();
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket down = s.accept();
        if (acceptAndClose) {
          down.close();
          continue;
        }
        Socket up;
        try {
          up = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException brokerDown) {
          down.close();
          continue;
        }
        sockets.add(down);
        sockets.add(up);
        pipe(down, up);
        pipe(up, down);
      } catch (IOException e) {
        // server closed
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          out.write(buf, 0, n);
        }
      } catch (IOException e) {
        // either side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-gate-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
