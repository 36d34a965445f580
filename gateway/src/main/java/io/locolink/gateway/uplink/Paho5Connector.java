package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 5 {@link Transport} ({@code uplink.transport: mqtt5}): as {@link PahoConnector}, with
 * Paho's mqttv5 client, so the broker can say why it refuses a message (PUBACK reason codes) and
 * the window follows the broker's Receive Maximum. Clean start, no session kept.
 */
final class Paho5Connector implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(Paho5Connector.class);

  private final MqttConfig cfg;
  private final String clientId;
  private final String statusTopic;
  private final SSLSocketFactory tls;
  private final String username;
  private final byte[] password;
  private final ScheduledExecutorService shared;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile List<Socket> attempt;
  private volatile boolean aborted;

  /**
   * @param shared runs the Paho loops of every connection and is not shut down here; null for a
   *     fresh executor per connection
   * @throws io.locolink.gateway.config.ConfigException if a TLS or secret file is unusable
   */
  Paho5Connector(MqttConfig cfg, String clientId, String statusTopic, ScheduledExecutorService shared) {
    this.cfg = cfg;
    this.clientId = clientId;
    this.statusTopic = statusTopic;
    this.shared = shared;
    this.tls = cfg.tls() ? TlsSocketFactories.create(cfg) : null;
    this.username = cfg.usernameFile() == null ? null : SecretFile.readText("usernameFile", cfg.usernameFile());
    this.password = cfg.passwordFile() == null ? null
        : SecretFile.readText("passwordFile", cfg.passwordFile()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String target() {
    return cfg.url() + " (MQTT 5)";
  }

  @Override
  public Paho5Connection open(byte[] willPayload, Runnable wake) throws ConnectFailure {
    int n = connections.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService executor = shared != null ? shared : Executors.newScheduledThreadPool(6, r -> {
      Thread t = new Thread(r, "uplink-paho-" + n + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(cfg.url(), clientId, new MemoryPersistence(), new TimerPingSender(executor),
          executor);
    } catch (MqttException e) {
      if (shared == null) {
        executor.shutdownNow();
      }
      throw ConnectFailure.classify(e.getReasonCode(), e, cfg);
    }
    Paho5Connection conn = new Paho5Connection(client, executor, shared == null, cfg.inflightWindow(), wake);
    List<Socket> sockets = new CopyOnWriteArrayList<>();
    attempt = sockets;
    try {
      if (aborted) {
        conn.dispose();
        throw ConnectFailure.aborted(cfg.url());
      }
      IMqttToken token = client.connect(options(willPayload, sockets::add));
      token.waitForCompletion(maxOpenMs());
      Integer receiveMaximum = token.getResponseProperties() == null ? null
          : token.getResponseProperties().getReceiveMaximum();
      if (receiveMaximum != null) {
        conn.limitWindow(receiveMaximum, cfg.inflightWindow());
      }
      return conn;
    } catch (MqttException e) {
      conn.dispose();
      if (aborted) {
        throw ConnectFailure.aborted(cfg.url());
      }
      throw ConnectFailure.classify(e.getReasonCode(), e, cfg);
    } finally {
      attempt = null;
    }
  }

  @Override
  public long maxOpenMs() {
    return (cfg.connectTimeoutS() + 5) * 1000L;
  }

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

  private MqttConnectionOptions options(byte[] willPayload, Consumer<Socket> created) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(cfg.keepAliveS());
    o.setConnectionTimeout(cfg.connectTimeoutS());
    MqttMessage will = new MqttMessage(willPayload, 1, true, null);
    o.setWill(statusTopic, will);
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
