package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.config.UplinkConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.Topics;
import io.locolink.gateway.journal.Journal;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * The MQTT uplink over Paho: the shared {@link SendPolicy} (reconnect with backoff and jitter, live
 * before the backlog, retained status, refused messages set aside) on the {@link PahoConnector}
 * transport (MQTT 3.1.1) or, with {@code uplink.transport: mqtt5}, the {@link Paho5Connector}: a
 * fresh client per connection (memory persistence, clean session, no Paho automatic reconnect or
 * offline buffer), an explicit in-flight window and an offline last will.
 *
 * <p>Threads: one "uplink-link" thread connects and sends; Paho's threads (named
 * "uplink-paho-N-M") belong to one connection and stop with it.
 */
public final class PahoUplink implements Uplink {

  private final SendPolicy policy;

  private PahoUplink(SendPolicy policy) {
    this.policy = policy;
  }

  /**
   * Creates the uplink (not yet started) with the default uplink settings; set-aside messages go
   * next to the journal's directory ({@code set-aside}). Reads the credential and TLS files now.
   *
   * @param locomotiveId the {loco} level of the topics; also the MQTT client id "locolink-{loco}"
   * @param random seeds the reconnect jitter
   * @throws io.locolink.gateway.config.ConfigException if a secret or TLS file is missing,
   *     unreadable, readable by group/others, or not PEM
   */
  public static PahoUplink create(MqttConfig cfg, String locomotiveId, Journal journal, StatusEncoder statusEncoder,
      InstantSource clock, RandomGenerator random) {
    return create(cfg, UplinkConfig.defaults(), Uplinks.defaultSetAsideDir(journal), locomotiveId, journal,
        statusEncoder, clock, random, null);
  }

  /**
   * Creates the uplink (not yet started). Reads the credential and TLS files now.
   *
   * @param setAsideDir where messages the broker refuses are kept
   * @param shared runs the Paho loops and the link thread of many uplinks in one process (fleet
   *     mode; virtual threads), not shut down here; null for the uplink's own threads
   * @throws io.locolink.gateway.config.ConfigException if a secret or TLS file is unusable
   */
  static PahoUplink create(MqttConfig cfg, UplinkConfig uplink, Path setAsideDir, String locomotiveId,
      Journal journal, StatusEncoder statusEncoder, InstantSource clock, RandomGenerator random,
      ScheduledExecutorService shared) {
    Topics.requireLocomotiveId(locomotiveId);
    String clientId = "locolink-" + locomotiveId;
    String statusTopic = Topics.of(locomotiveId, StreamKind.STATUS);
    Transport connector = uplink.mqtt5() ? new Paho5Connector(cfg, clientId, statusTopic, shared)
        : new PahoConnector(cfg, clientId, statusTopic, shared);
    return new PahoUplink(new SendPolicy(SendSettings.of(cfg, uplink, setAsideDir), connector, locomotiveId,
        journal, statusEncoder, clock, random, Uplinks.linkThreads(shared != null, "uplink-link")));
  }

  @Override
  public void start() {
    policy.start();
  }

  @Override
  public void addLinkListener(LinkListener listener) {
    policy.addLinkListener(listener);
  }

  @Override
  public void statusChanged() {
    policy.statusChanged();
  }

  @Override
  public LinkEvent link() {
    return policy.link();
  }

  @Override
  public long setAsideCount() {
    return policy.setAsideCount();
  }

  /**
   * Stops the uplink: a connected link publishes the offline status and disconnects; a connect in
   * progress is aborted. Blocks until the link thread ended, at most the connect timeout + 10 s
   * (logged if it did not end by then).
   */
  @Override
  public void close() {
    policy.close();
  }
}
