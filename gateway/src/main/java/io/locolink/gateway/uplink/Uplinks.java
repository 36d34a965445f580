package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.config.UplinkConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.Topics;
import io.locolink.gateway.journal.Journal;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the uplink: the one {@link SendPolicy} on the transport the configuration asks for ({@code
 * uplink.transport}): MQTT 3.1.1 or MQTT 5 over Paho, or in process. The transport is the only
 * difference between them. Stateless.
 */
public final class Uplinks {

  private static final Logger LOG = LoggerFactory.getLogger(Uplinks.class);
  /** Backlog pacing in process: high enough never to matter, bytes per second. */
  private static final long NO_CAP_BYTES_PER_S = 1L << 40;

  private Uplinks() {}

  /**
   * Creates the uplink (not yet started). Set-aside messages go to {@code set-aside} beside the
   * journal's directory.
   *
   * @param mqtt the broker, for the {@code mqtt} transport; its pacing (bandwidth cap, reconnect,
   *     status interval) applies to both
   * @param embedded the consumer of an {@code inProcess} uplink when a program embeds the gateway;
   *     null to append to {@code uplink.captureFile} (default {@code uplink-capture.bin} beside the
   *     journal's directory)
   * @param shared runs the Paho loops and the link thread of many uplinks in one process (virtual
   *     threads, fleet mode) and is not shut down here; null for the uplink's own threads
   * @throws io.locolink.gateway.config.ConfigException if a secret or TLS file is unusable
   * @throws java.io.UncheckedIOException if the set-aside directory or capture file cannot be opened
   */
  public static Uplink create(UplinkConfig uplink, MqttConfig mqtt, String locomotiveId, Journal journal,
      StatusEncoder statusEncoder, InstantSource clock, RandomGenerator random,
      Consumer<Delivery> embedded, ScheduledExecutorService shared) {
    Path setAsideDir = defaultSetAsideDir(journal);
    if (!uplink.inProcess()) {
      return mqtt(mqtt, uplink, setAsideDir, locomotiveId, journal, statusEncoder, clock, random, shared);
    }
    if (embedded != null) {
      return inProcess(journal, locomotiveId, embedded, clock, uplink, setAsideDir);
    }
    Path file = uplink.captureFile() != null ? uplink.captureFile()
        : journal.directory().toAbsolutePath().resolveSibling("uplink-capture.bin");
    CaptureFile capture = new CaptureFile(file);
    LOG.info("uplink in process: messages are appended to {}", file);
    return new ClosingUplink(inProcess(journal, locomotiveId, capture, clock, uplink, setAsideDir), capture);
  }

  /**
   * The MQTT 3.1.1 uplink (not yet started) with the default uplink settings; set-aside messages go
   * next to the journal's directory ({@code set-aside}). Reads the credential and TLS files now.
   *
   * @param locomotiveId the {loco} level of the topics; also the MQTT client id "locolink-{loco}"
   * @param random seeds the reconnect jitter
   * @throws io.locolink.gateway.config.ConfigException if a secret or TLS file is missing,
   *     unreadable, readable by group/others, or not PEM
   */
  public static Uplink mqtt(MqttConfig cfg, String locomotiveId, Journal journal, StatusEncoder statusEncoder,
      InstantSource clock, RandomGenerator random) {
    return mqtt(cfg, UplinkConfig.defaults(), defaultSetAsideDir(journal), locomotiveId, journal, statusEncoder,
        clock, random, null);
  }

  /**
   * The MQTT uplink (not yet started) over the {@link PahoConnector} (MQTT 3.1.1) or, with {@code
   * uplink.transport: mqtt5}, the {@link Paho5Connector}: a fresh client per connection (memory
   * persistence, clean session, no Paho automatic reconnect or offline buffer), an explicit
   * in-flight window and an offline last will. Reads the credential and TLS files now.
   *
   * <p>Threads: one "uplink-link" thread connects and sends; Paho's threads (named
   * "uplink-paho-N-M") belong to one connection and stop with it.
   *
   * @param setAsideDir where messages the broker refuses are kept
   * @param shared runs the Paho loops and the link thread of many uplinks in one process (fleet
   *     mode; virtual threads), not shut down here; null for the uplink's own threads
   * @throws io.locolink.gateway.config.ConfigException if a secret or TLS file is unusable
   */
  static Uplink mqtt(MqttConfig cfg, UplinkConfig uplink, Path setAsideDir, String locomotiveId, Journal journal,
      StatusEncoder statusEncoder, InstantSource clock, RandomGenerator random, ScheduledExecutorService shared) {
    Topics.requireLocomotiveId(locomotiveId);
    String clientId = "locolink-" + locomotiveId;
    String statusTopic = Topics.of(locomotiveId, StreamKind.STATUS);
    Transport connector = uplink.mqtt5() ? new Paho5Connector(cfg, clientId, statusTopic, shared)
        : new PahoConnector(cfg, clientId, statusTopic, shared);
    return new SendPolicy(SendSettings.of(cfg, uplink, setAsideDir), connector, locomotiveId, journal, statusEncoder,
        clock, random, linkThreads(shared != null, "uplink-link"));
  }

  /**
   * An uplink without a network (not yet started), for tests, demos and a gateway run with {@code
   * uplink.transport: inProcess}, with the default settings; set-aside messages next to the journal.
   * Every journal record reaches the consumer on the uplink's thread in the same order and with
   * the same historical flag as over MQTT (live first, then the backlog held at start), and leaves
   * the journal when the consumer returns. A consumer that throws refuses the record: it is offered
   * again and, refused {@code setAsideAfter} times in a row, set aside like a message the broker
   * refuses. No status.
   */
  public static Uplink inProcess(Journal journal, String locomotiveId, Consumer<Delivery> consumer,
      InstantSource clock) {
    return inProcess(journal, locomotiveId, consumer, clock, UplinkConfig.defaults(), defaultSetAsideDir(journal));
  }

  /**
   * The in-process uplink (not yet started) with its settings.
   *
   * @param uplink when a refused record is set aside
   * @param setAsideDir where set-aside records are kept
   */
  static Uplink inProcess(Journal journal, String locomotiveId, Consumer<Delivery> consumer, InstantSource clock,
      UplinkConfig uplink, Path setAsideDir) {
    SendSettings settings = new SendSettings(1, NO_CAP_BYTES_PER_S, 100, 1000, MqttConfig.defaults().statusIntervalS(),
        uplink.setAsideAfter(), setAsideDir);
    return new SendPolicy(settings, new InProcessTransport(consumer), locomotiveId, journal, r -> new byte[0], clock,
        new SplittableRandom(), linkThreads(false, "uplink-inprocess"));
  }

  /** {@code set-aside} beside the journal's directory (in the gateway: {@code STATE_DIR/set-aside}). */
  static Path defaultSetAsideDir(Journal journal) {
    return journal.directory().toAbsolutePath().resolveSibling("set-aside");
  }

  /** The link thread: a daemon platform thread of its own, or a virtual thread when many uplinks share a process. */
  static ThreadFactory linkThreads(boolean virtual, String name) {
    if (virtual) {
      return Thread.ofVirtual().name(name).factory();
    }
    return Thread.ofPlatform().name(name).daemon(true).factory();
  }

  /** An uplink that closes one more resource after itself. */
  private record ClosingUplink(Uplink inner, AutoCloseable after) implements Uplink {

    @Override
    public void start() {
      inner.start();
    }

    @Override
    public void addLinkListener(LinkListener listener) {
      inner.addLinkListener(listener);
    }

    @Override
    public LinkEvent link() {
      return inner.link();
    }

    @Override
    public long setAsideCount() {
      return inner.setAsideCount();
    }

    @Override
    public void close() {
      inner.close();
      try {
        after.close();
      } catch (Exception e) {
        LOG.warn("uplink: closing failed: {}", e.toString());
      }
    }
  }
}
