package io.locolink.ground.ingest;

import java.time.Duration;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * How the ingest connects and batches.
 *
 * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId stable across restarts: the broker keeps the session (and the messages queued
 *     for it while the station is away) under this id
 * @param group the shared-subscription group; stations in one group split the fleet's messages
 * @param sessionExpiryS how long the broker keeps the session while the station is disconnected
 * @param receiveMaximum unacknowledged QoS 1 messages the broker may have in flight to the station
 * @param batchMax most messages written in one transaction
 * @param linger how long a batch waits to fill before it is written anyway
 * @param writers batches written at once, each in its own transaction on its own database connection; each
 *     writer writes the messages of its own share of the locomotives
 * @param socketFactory for {@code ssl://} (trust and client certificate); null for the JDK default
 * @param username null for none
 * @param password null for none
 */
public record IngestSettings(String brokerUrl, String clientId, String group, long sessionExpiryS, int receiveMaximum,
    int batchMax, Duration linger, int writers, SocketFactory socketFactory, String username, byte[] password) {

  public IngestSettings {
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(linger, "linger");
    if (group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
      throw new IllegalArgumentException("group must be a plain name without / + #, got '" + group + "'");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65_535) {
      throw new IllegalArgumentException("receiveMaximum must be 1..65535, got " + receiveMaximum);
    }
    if (writers < 1 || writers > 8) {
      throw new IllegalArgumentException("writers must be 1..8, got " + writers);
    }
    if (batchMax < 1) {
      throw new IllegalArgumentException("batchMax must be at least 1, got " + batchMax);
    }
  }

  /**
   * Plain settings for a broker URL: group {@code ground}, one day of session, batches of 2,000 or 50 ms,
   * two writers.
   */
  public static IngestSettings of(String brokerUrl, String clientId) {
    return new IngestSettings(brokerUrl, clientId, "ground", 86_400, 4_000, 2_000, Duration.ofMillis(50), 2, null, null,
        null);
  }

  /** The shared subscription every message of the fleet arrives on. */
  public String sharedFilter() {
    return "$share/" + group + "/locolink/v1/+/+";
  }

  @Override
  public String toString() {  // no password in logs
    return "IngestSettings[" + brokerUrl + ", clientId=" + clientId + ", group=" + group + "]";
  }
}
