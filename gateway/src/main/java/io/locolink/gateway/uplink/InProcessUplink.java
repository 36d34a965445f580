package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.config.UplinkConfig;
import io.locolink.gateway.journal.Journal;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * An uplink without a network, for tests, demos and a gateway run with {@code uplink.transport:
 * inProcess}: the shared {@link SendPolicy} on the {@link InProcessTransport}, so every journal
 * record reaches a consumer on the uplink's thread in the same order and with the same historical
 * flag as over MQTT (live first, then the backlog held at start), and leaves the journal when the
 * consumer returns. A consumer that throws refuses the record: it is offered again and, refused
 * {@code setAsideAfter} times in a row, set aside like a message the broker refuses. No status.
 */
public final class InProcessUplink implements Uplink {

  /** One delivered message: topic as over MQTT, and the bytes as sent. */
  public record Delivery(String topic, byte[] payload, boolean historical) {}

  /** Backlog pacing in process: high enough never to matter, bytes per second. */
  private static final long NO_CAP_BYTES_PER_S = 1L << 40;

  private final SendPolicy policy;

  /** An in-process uplink with the default settings; set-aside messages next to the journal. */
  public InProcessUplink(Journal journal, String locomotiveId, Consumer<Delivery> consumer, InstantSource clock) {
    this(journal, locomotiveId, consumer, clock, UplinkConfig.defaults(), Uplinks.defaultSetAsideDir(journal));
  }

  /**
   * @param uplink when a refused record is set aside
   * @param setAsideDir where set-aside records are kept
   */
  public InProcessUplink(Journal journal, String locomotiveId, Consumer<Delivery> consumer, InstantSource clock,
      UplinkConfig uplink, Path setAsideDir) {
    MqttConfig defaults = MqttConfig.defaults();
    SendSettings settings = new SendSettings(1, NO_CAP_BYTES_PER_S, 100, 1000, defaults.statusIntervalS(),
        uplink.setAsideAfter(), setAsideDir);
    this.policy = new SendPolicy(settings, new InProcessTransport(consumer), locomotiveId, journal, r -> new byte[0],
        clock, new SplittableRandom(), Uplinks.linkThreads(false, "uplink-inprocess"));
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
  public LinkEvent link() {
    return policy.link();
  }

  @Override
  public long setAsideCount() {
    return policy.setAsideCount();
  }

  @Override
  public void close() {
    policy.close();
  }
}
