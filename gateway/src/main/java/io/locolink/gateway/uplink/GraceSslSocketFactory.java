package io.locolink.gateway.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets with an {@link EarlyEndGuard}, for {@code ssl://} brokers: the unconnected socket
 * Paho asks for connects a plain socket, layers the real TLS socket on it and delegates every
 * call to that. Paho 1.2.5 configures the socket (SSL parameters, ciphers) only after connecting.
 */
final class GraceSslSocketFactory extends SSLSocketFactory {

  private final SSLSocketFactory tls;
  private final Consumer<Socket> created;

  /** @param created receives every socket created (so a connect in progress can be aborted by closing it) */
  GraceSslSocketFactory(SSLSocketFactory tls, Consumer<Socket> created) {
    this.tls = tls;
    this.created = created;
  }

  @Override
  public Socket createSocket() {
    Socket s = new GuardedSslSocket(tls);
    created.accept(s);
    return s;
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return tls.createSocket(s, host, port, autoClose);
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

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  /** An SSLSocket that becomes a layered TLS socket over a plain one when connected. */
  private static final class GuardedSslSocket extends SSLSocket {
    private final SSLSocketFactory tls;
    private final EarlyEndGuard guard = new EarlyEndGuard();
    private final Socket plain = new Socket();
    private volatile SSLSocket ssl;

    GuardedSslSocket(SSLSocketFactory tls) {
      this.tls = tls;
    }

    private SSLSocket ssl() throws SocketException {
      SSLSocket s = ssl;
      if (s == null) {
        throw new SocketException("TLS socket used before connect");
      }
      return s;
    }

    private SSLSocket sslUnchecked() {
      SSLSocket s = ssl;
      if (s == null) {
        throw new IllegalStateException("TLS socket used before connect");
      }
      return s;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      plain.connect(endpoint, timeout);
      InetSocketAddress to = (InetSocketAddress) endpoint;
      ssl = (SSLSocket) tls.createSocket(plain, to.getHostString(), to.getPort(), true);
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return guard.guard(ssl().getInputStream());
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return guard.guard(ssl().getOutputStream());
    }

    @Override
    public synchronized void close() throws IOException {
      SSLSocket s = ssl;
      if (s != null) {
        s.close();
      }
      plain.close();
    }

    @Override
    public boolean isConnected() {
      return plain.isConnected();
    }

    @Override
    public boolean isClosed() {
      return plain.isClosed();
    }

    @Override
    public InetAddress getInetAddress() {
      return plain.getInetAddress();
    }

    @Override
    public int getPort() {
      return plain.getPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return plain.getRemoteSocketAddress();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      plain.setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws SocketException {
      return plain.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
      plain.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
      return plain.getTcpNoDelay();
    }

    @Override
    public void startHandshake() throws IOException {
      ssl().startHandshake();
    }

    @Override
    public SSLSession getSession() {
      return sslUnchecked().getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
      return sslUnchecked().getHandshakeSession();
    }

    @Override
    public SSLParameters getSSLParameters() {
      return sslUnchecked().getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
      sslUnchecked().setSSLParameters(params);
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return tls.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
      return sslUnchecked().getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
      sslUnchecked().setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
      return sslUnchecked().getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
      return sslUnchecked().getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
      sslUnchecked().setEnabledProtocols(protocols);
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
      sslUnchecked().addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
      sslUnchecked().removeHandshakeCompletedListener(listener);
    }

    @Override
    public void setUseClientMode(boolean mode) {
      sslUnchecked().setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
      return sslUnchecked().getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
      sslUnchecked().setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
      return sslUnchecked().getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
      sslUnchecked().setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
      return sslUnchecked().getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
      sslUnchecked().setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
      return sslUnchecked().getEnableSessionCreation();
    }
  }
}
