package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT {@link Transport}: opens one Paho connection at a time with the configured TLS material
 * and credentials (read once, at construction; never logged). Each connection gets its own
 * executor unless a shared one is given (many uplinks in one process, as in fleet mode).
 * {@link #open} is called by the link thread only; {@link #abort()} by any thread.
 */
final class PahoConnector implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(PahoConnector.class);

  private final MqttConfig cfg;
  private final String clientId;
  private final String statusTopic;
  private final SSLSocketFactory tls;
  private final String username;
  private final char[] password;
  private final ScheduledExecutorService shared;
  private final AtomicInteger connections = new AtomicInteger();
  /** The sockets of the connect in progress, if any. */
  private volatile List<Socket> attempt;
  private volatile boolean aborted;

  /**
   * @param shared runs the Paho loops of every connection, outlives them and is not shut down
   *     here; null for a fresh executor per connection
   * @throws io.locolink.gateway.config.ConfigException if a TLS or secret file is unusable
   */
  PahoConnector(MqttConfig cfg, String clientId, String statusTopic, ScheduledExecutorService shared) {
    this.cfg = cfg;
    this.shared = shared;
    this.clientId = clientId;
    this.statusTopic = statusTopic;
    this.tls = cfg.tls() ? TlsSocketFactories.create(cfg) : null;
    this.username = cfg.usernameFile() == null ? null : SecretFile.readText("usernameFile", cfg.usernameFile());
    this.password = cfg.passwordFile() == null ? null
        : SecretFile.readText("passwordFile", cfg.passwordFile()).toCharArray();
  }

  @Override
  public String target() {
    return cfg.url();
  }

  /**
   * Connects a fresh client; blocks until connected or failed (at most the connect timeout + 5 s).
   *
   * @param willPayload the encoded offline Status, left retained by the broker if the link dies
   * @throws ConnectFailure with the fault classified and every thread of the attempt stopped
   */
  @Override
  public PahoConnection open(byte[] willPayload, Runnable wake) throws ConnectFailure {
    int n = connections.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService executor = shared != null ? shared : Executors.newScheduledThreadPool(6, r -> {
      Thread t = new Thread(r, "uplink-paho-" + n + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(cfg.url(), clientId, new MemoryPersistence(),
          new ScheduledExecutorPingSender(executor), executor);
    } catch (MqttException e) {
      if (shared == null) {
        executor.shutdownNow();
      }
      throw ConnectFailure.classify(e, cfg);
    }
    PahoConnection conn = new PahoConnection(client, executor, shared == null, cfg.inflightWindow(), wake);
    List<Socket> sockets = new CopyOnWriteArrayList<>();
    attempt = sockets;
    try {
      if (aborted) {
        conn.dispose();
        throw ConnectFailure.aborted(cfg.url());
      }
      client.connect(options(willPayload, sockets::add)).waitForCompletion(maxOpenMs());
      return conn;
    } catch (MqttException e) {
      conn.dispose();
      if (aborted) {
        throw ConnectFailure.aborted(cfg.url());
      }
      throw ConnectFailure.classify(e, cfg);
    } finally {
      attempt = null;
    }
  }

  /** The longest {@link #open} blocks, milliseconds: the connect timeout + 5 s. */
  @Override
  public long maxOpenMs() {
    return (cfg.connectTimeoutS() + 5) * 1000L;
  }

  /**
   * Makes a connect in progress fail now (its socket is closed under it) and every later one fail
   * at once. A connection already established is left alone, so the caller can still publish its
   * offline status and disconnect cleanly (if the connect completes just as this runs, the socket
   * is closed and the broker publishes the offline last will instead). Any thread.
   */
  @Override
  public void abort() {
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

  private MqttConnectOptions options(byte[] willPayload, Consumer<Socket> created) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    o.setAutomaticReconnect(false);
    o.setMaxInflight(cfg.inflightWindow() + 8);
    o.setKeepAliveInterval(cfg.keepAliveS());
    o.setConnectionTimeout(cfg.connectTimeoutS());
    o.setWill(statusTopic, willPayload, 1, true);
    if (tls != null) {
      o.setSocketFactory(new GraceSslSocketFactory(tls, created));
      o.setHttpsHostnameVerificationEnabled(true);
    } else {
      o.setSocketFactory(new GraceSocketFactory(created));
    }
    if (username != null) {
      o.setUserName(username);
    }
    if (password != null) {
      o.setPassword(password.clone());
    }
    return o;
  }
}
