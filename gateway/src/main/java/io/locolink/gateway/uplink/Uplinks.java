package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.config.UplinkConfig;
import io.locolink.gateway.journal.Journal;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the uplink the configuration asks for ({@code uplink.transport}): MQTT over Paho, or in
 * process. Both run the same send policy. Stateless.
 */
public final class Uplinks {

  private static final Logger LOG = LoggerFactory.getLogger(Uplinks.class);

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
      Consumer<InProcessUplink.Delivery> embedded, ScheduledExecutorService shared) {
    Path setAsideDir = defaultSetAsideDir(journal);
    if (!uplink.inProcess()) {
      return PahoUplink.create(mqtt, uplink, setAsideDir, locomotiveId, journal, statusEncoder, clock, random, shared);
    }
    if (embedded != null) {
      return new InProcessUplink(journal, locomotiveId, embedded, clock, uplink, setAsideDir);
    }
    Path file = uplink.captureFile() != null ? uplink.captureFile()
        : journal.directory().toAbsolutePath().resolveSibling("uplink-capture.bin");
    CaptureFile capture = new CaptureFile(file);
    LOG.info("uplink in process: messages are appended to {}", file);
    return new ClosingUplink(new InProcessUplink(journal, locomotiveId, capture, clock, uplink, setAsideDir), capture);
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
