package io.locolink.gateway.uplink;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream holds back an end or error that comes before the client
 * wrote anything (at most {@link #HOLD_MS}).
 *
 * <p>Why: Paho 1.2.5's connect thread starts the receiver, sender and callback threads one after
 * the other and, for each, polls every 100 ms until it runs, swallowing interrupts. When the peer
 * closes at once (a load balancer without a backend, a broker at its connection limit), those
 * threads end before the poll sees them and the connect thread spins forever: a leaked thread per
 * attempt and a connect that never completes. Paho writes CONNECT only after all three started, so
 * holding the early end back until the first write (or the hold time) removes the race.
 */
final class GraceSocketFactory extends SocketFactory {

  static final long HOLD_MS = 3000;

  @Override
  public Socket createSocket() {
    return new GraceSocket();
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

  private static Socket connected(InetSocketAddress to) throws IOException {
    Socket s = new GraceSocket();
    s.connect(to);
    return s;
  }

  private static final class GraceSocket extends Socket {
    private final CountDownLatch written = new CountDownLatch(1);

    @Override
    public OutputStream getOutputStream() throws IOException {
      return new FilterOutputStream(super.getOutputStream()) {
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

    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          try {
            return holdEnd(in.read());
          } catch (IOException e) {
            holdEnd(-1);
            throw e;
          }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return holdEnd(in.read(b, off, len));
          } catch (IOException e) {
            holdEnd(-1);
            throw e;
          }
        }
      };
    }

    private int holdEnd(int n) {
      if (n < 0) {
        try {
          written.await(HOLD_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return n;
    }
  }
}
