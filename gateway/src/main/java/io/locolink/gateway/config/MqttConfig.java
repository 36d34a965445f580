package io.locolink.gateway.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The MQTT uplink (YAML key {@code mqtt}).
 *
 * <pre>
 * mqtt:
 *   url: ssl://broker.example:8883     # ssl:// (TLS) or tcp:// (loopback only, unless allowPlaintext)
 *   caFile: /etc/locolink/ca.pem        # PEM CA certificate(s) the broker's certificate must chain to;
 *                                       # absent: the JDK's default trust store
 *   clientCertFile: /etc/locolink/client.pem   # optional, with clientKeyFile (PEM, PKCS#8 key)
 *   clientKeyFile: /etc/locolink/client.key
 *   usernameFile: /etc/locolink/mqtt.user      # optional; files readable by the owner only
 *   passwordFile: /etc/locolink/mqtt.password
 *   telemetryQos: 1                     # 0 or 1; energy, alarms, trips and status are always QoS 1
 *   inflightWindow: 64                  # publishes awaiting PUBACK at once
 *   bandwidthCapBytesPerS: 50000        # backlog after an outage fills at most this with live data
 *   reconnect: {initialMs: 1000, maxMs: 60000}
 *   keepAliveS: 30
 *   connectTimeoutS: 10
 *   statusIntervalS: 60                 # retained status refreshed this often while online
 *   allowPlaintext: false
 * </pre>
 */
public record MqttConfig(String url, Path caFile, Path clientCertFile, Path clientKeyFile, Path usernameFile,
    Path passwordFile, Integer telemetryQos, Integer inflightWindow, Long bandwidthCapBytesPerS,
    Reconnect reconnect, Integer keepAliveS, Integer connectTimeoutS, Integer statusIntervalS,
    Boolean allowPlaintext) {

  public MqttConfig {
    ConfigException.require("url", url);
    allowPlaintext = allowPlaintext != null && allowPlaintext;
    checkUrl(url, allowPlaintext);
    if ((clientCertFile == null) != (clientKeyFile == null)) {
      throw new ConfigException(clientCertFile == null ? "clientCertFile" : "clientKeyFile",
          "clientCertFile and clientKeyFile must be given together");
    }
    if (passwordFile != null && usernameFile == null) {
      throw new ConfigException("usernameFile", "missing: a passwordFile needs a usernameFile");
    }
    telemetryQos = ConfigException.requireRange("telemetryQos", telemetryQos == null ? 1 : telemetryQos, 0, 1);
    inflightWindow = ConfigException.requireRange("inflightWindow", inflightWindow == null ? 64 : inflightWindow, 1, 1000);
    bandwidthCapBytesPerS = bandwidthCapBytesPerS == null ? 50_000L : bandwidthCapBytesPerS;
    if (bandwidthCapBytesPerS < 1000) {
      throw new ConfigException("bandwidthCapBytesPerS", "must be at least 1000, got " + bandwidthCapBytesPerS);
    }
    try {
      reconnect = reconnect == null ? Reconnect.defaults() : reconnect;
    } catch (ConfigException e) {
      throw e.under("reconnect");
    }
    keepAliveS = ConfigException.requireRange("keepAliveS", keepAliveS == null ? 30 : keepAliveS, 5, 3600);
    connectTimeoutS = ConfigException.requireRange("connectTimeoutS", connectTimeoutS == null ? 10 : connectTimeoutS, 1, 300);
    statusIntervalS = ConfigException.requireRange("statusIntervalS", statusIntervalS == null ? 60 : statusIntervalS, 1, 86_400);
  }

  /** A plain local broker on 127.0.0.1:1883 with all other defaults. */
  public static MqttConfig defaults() {
    return loopback("tcp://127.0.0.1:1883");
  }

  /** All defaults except the url. */
  public static MqttConfig loopback(String url) {
    return new MqttConfig(url, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** True for {@code ssl://} urls. */
  public boolean tls() {
    return url.startsWith("ssl://");
  }

  /**
   * Checks a broker URL as the {@code url} key: {@code ssl://} or {@code tcp://} with a host and a
   * port; plain {@code tcp://} only to a loopback host unless {@code allowPlaintext}.
   *
   * @throws ConfigException with key {@code url} naming what is wrong
   */
  public static void checkUrl(String url, boolean allowPlaintext) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException("url", "not a valid URL: " + e.getMessage());
    }
    if (!"ssl".equals(uri.getScheme()) && !"tcp".equals(uri.getScheme())) {
      throw new ConfigException("url", "scheme must be ssl:// or tcp://, got '" + url + "'");
    }
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new ConfigException("url", "must name a host and a port, e.g. ssl://broker.example:8883, got '" + url + "'");
    }
    if ("tcp".equals(uri.getScheme()) && !allowPlaintext && !isLoopback(uri.getHost())) {
      throw new ConfigException("url", "plain tcp:// to the non-loopback host '" + uri.getHost()
          + "' would send data and credentials unencrypted; use ssl:// or set allowPlaintext: true");
    }
  }

  private static boolean isLoopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?")) {
      return false; // a name: do not resolve at config time
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Reconnect backoff.
   *
   * @param initialMs delay ceiling after the first failure, milliseconds
   * @param maxMs largest delay ceiling, milliseconds (each failure doubles it up to this)
   */
  public record Reconnect(Integer initialMs, Integer maxMs) {

    public Reconnect {
      initialMs = ConfigException.requireRange("initialMs", initialMs == null ? 1000 : initialMs, 10, 600_000);
      maxMs = ConfigException.requireRange("maxMs", maxMs == null ? Math.max(60_000, initialMs) : maxMs, initialMs, 3_600_000);
    }

    public static Reconnect defaults() {
      return new Reconnect(null, null);
    }
  }
}
