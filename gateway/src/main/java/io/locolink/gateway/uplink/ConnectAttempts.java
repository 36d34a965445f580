package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the MQTT 3.1.1 and MQTT 5 connectors share about connecting, whatever the client version:
 * the TLS material and the broker credentials, read once at construction (never logged); the
 * socket factory that hands every socket of a connect to the attempt in progress; and the abort
 * that closes those sockets so a blocked connect fails at once, and makes every later one fail.
 * {@link #begin}, {@link #aborted()} and {@link #end()} are called by the link thread only;
 * {@link #abort()} by any thread.
 */
final class ConnectAttempts {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectAttempts.class);

  private final SSLSocketFactory tls;
  private final String username;
  private final String password;
  /** The sockets of the connect in progress, if any. */
  private volatile List<Socket> attempt;
  private volatile boolean aborted;

  /** @throws io.locolink.gateway.config.ConfigException if a TLS or secret file is unusable */
  ConnectAttempts(MqttConfig cfg) {
    this.tls = cfg.tls() ? TlsSocketFactories.create(cfg) : null;
    this.username = cfg.usernameFile() == null ? null : SecretFile.readText("usernameFile", cfg.usernameFile());
    this.password = cfg.passwordFile() == null ? null : SecretFile.readText("passwordFile", cfg.passwordFile());
  }

  /** True if the broker is reached over TLS (and its host name must be verified). */
  boolean tls() {
    return tls != null;
  }

  /** The user name from {@code usernameFile}; null when none is configured. */
  String username() {
    return username;
  }

  /** A fresh copy of the password from {@code passwordFile}, for MQTT 3.1.1; null when none is configured. */
  char[] passwordChars() {
    return password == null ? null : password.toCharArray();
  }

  /** A fresh copy of the password, UTF-8, for MQTT 5; null when none is configured. */
  byte[] passwordUtf8() {
    return password == null ? null : password.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Starts an attempt: the socket factory for its connect, which hands every socket it creates to
   * this attempt so {@link #abort()} can close it.
   */
  SocketFactory begin() {
    List<Socket> sockets = new CopyOnWriteArrayList<>();
    attempt = sockets;
    Consumer<Socket> created = sockets::add;
    return tls != null ? new GraceSslSocketFactory(tls, created) : new GraceSocketFactory(created);
  }

  /** True once {@link #abort()} ran: the attempt in progress and every later one fail. */
  boolean aborted() {
    return aborted;
  }

  /** Ends the attempt in progress, connected or not: its sockets are no longer closed by an abort. */
  void end() {
    attempt = null;
  }

  /**
   * Makes a connect in progress fail now (its sockets are closed under it) and every later one fail
   * at once. A connection already established is left alone. Any thread.
   */
  void abort() {
    aborted = true;
    List<Socket> inProgress = attempt;
    if (inProgress != null) {
      for (Socket s : inProgress) {
        try {
          s.close();
        } catch (IOException e) {
          LOG.debug("uplink: closing the socket of an aborted connect: {}", e.toString());
        }
      }
    }
  }
}
