package io.locolink.ground.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a client and a broker on loopback that can swallow what the client sends
 * (its acknowledgements) while still passing what the broker sends, and cut every connection: the
 * client then holds messages it committed but the broker never heard acknowledged, as after a
 * crash between commit and acknowledgement.
 */
public final class AckGate implements AutoCloseable {

  private final ServerSocket server;
  private final int brokerPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean swallowUpstream;
  private volatile boolean open = true;

  public AckGate(int brokerPort) throws IOException {
    this.brokerPort = brokerPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("ack-gate").start(this::accept);
  }

  /** {@code tcp://127.0.0.1:PORT} of the relay. */
  public String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** While true, bytes from the client are dropped instead of reaching the broker. */
  public void swallowUpstream(boolean swallow) {
    swallowUpstream = swallow;
  }

  /** Closed: every relayed connection is cut and new ones are refused until opened again (a link outage). */
  public void open(boolean open) {
    this.open = open;
    if (!open) {
      cut();
    }
  }

  /** Closes every relayed connection (the relay keeps accepting new ones). */
  public void cut() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (!open) {
          closeQuietly(client);
          continue;
        }
        Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
        sockets.add(client);
        sockets.add(broker);
        Thread.ofPlatform().daemon().start(() -> pipe(client, broker, true));
        Thread.ofPlatform().daemon().start(() -> pipe(broker, client, false));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean upstream) {
    byte[] buf = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (!(upstream && swallowUpstream)) {
          out.write(buf, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // connection closed or cut
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut();
  }
}
