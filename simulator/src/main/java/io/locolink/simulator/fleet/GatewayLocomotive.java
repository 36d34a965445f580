package io.locolink.simulator.fleet;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.app.GatewayPipeline;
import io.locolink.gateway.app.JournalOutbox;
import io.locolink.gateway.app.Outbox;
import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.config.UplinkConfig;
import io.locolink.gateway.framing.BootSequence;
import io.locolink.gateway.framing.DepotAnnouncement;
import io.locolink.gateway.framing.StatusCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.journal.BootHandover;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalException;
import io.locolink.gateway.storage.FileIo;
import io.locolink.gateway.uplink.LinkState;
import io.locolink.gateway.uplink.Uplink;
import io.locolink.gateway.uplink.Uplinks;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.VehicleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated locomotive running the gateway's real path from the snapshot to the broker: a
 * {@link SnapshotSource} (emulated chips or the state directly), the battery estimator and the
 * encoders of the {@link LocomotivePipeline}, the {@link JournalOutbox} into its own durable {@link
 * Journal} on disk, and the gateway's uplink ({@link Uplinks}: the one send policy, over MQTT with
 * Paho), which removes each record from the journal when the broker acknowledged it. One sample
 * per frame (1 Hz, 1 s frames) so each locomotive sends one telemetry frame a second. The
 * journal's periodic sync and the uplink's threads run on the fleet's shared scheduler.
 * {@link #publish} is called from one thread at a time.
 */
final class GatewayLocomotive implements LocomotivePublisher {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayLocomotive.class);

  /** Small segments: a locomotive's journal holds seconds of data while its uplink keeps up. */
  static final JournalConfig JOURNAL = new JournalConfig(null, 4L << 20, 256L << 10, null, null);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

  private final String locomotiveId;
  private final Journal journal;
  private final Uplink uplink;
  private final CountingOutbox outbox;
  private final SnapshotSource source;
  private final GatewayPipeline pipeline;
  private final CountDownLatch online = new CountDownLatch(1);
  private volatile LocomotiveState latest;

  /**
   * @param locomotiveId used in the topics, the headers and as the energy records' consumption point
   * @param seed gives the boot id and the chips' noise
   * @param initial the state before the first cycle
   * @param vehicle the locomotive (pack topology and rating, drives, genset)
   * @param acquisition how the gateway reads the state
   * @param utc the gateway's UTC clock
   * @param brokerUrl the broker
   * @param stateDir the locomotive's own directory (journal, set-aside messages)
   * @param shared runs the journal's sync and the uplink's link thread and Paho loops
   * @throws FleetException if the journal cannot be opened
   */
  GatewayLocomotive(String locomotiveId, long seed, LocomotiveState initial, VehicleSpec vehicle,
      Acquisition acquisition, InstantSource utc, String brokerUrl, Path stateDir, ScheduledExecutorService shared) {
    this.locomotiveId = locomotiveId;
    this.latest = initial;
    long bootId = new SplittableRandom(seed).nextLong();
    try {
      this.journal = Journal.open(stateDir.resolve("journal"), JOURNAL, utc, FileIo.SYSTEM, shared);
      BootHandover handover = journal.beginBoot(bootId);
      StatusCodec status = new StatusCodec(locomotiveId, bootId, "fleet", utc.instant(), List::of,
          new BootSequence(handover.previousBootId(), handover.previousLastSequence(), handover.firstSequence(), true),
          journal::lastSequenceAppended, () -> ClockQuality.SYNCED, DepotAnnouncement::disabled);
      MqttConfig mqtt = new MqttConfig(brokerUrl, null, null, null, null, null, 1, null, null, null, 60, 60, null,
          true);
      this.uplink = Uplinks.create(UplinkConfig.defaults(), mqtt, locomotiveId, journal, status::encode, utc,
          new SplittableRandom(seed), null, shared);
    } catch (JournalException e) {
      throw new FleetException("journal of " + locomotiveId + " cannot be opened in " + stateDir, e);
    }
    uplink.addLinkListener(e -> {
      if (e.state() == LinkState.ONLINE) {
        online.countDown();
      }
    });
    this.outbox = new CountingOutbox(new JournalOutbox(journal));
    this.source = acquisition.open(() -> latest, vehicle, utc, seed);
    this.pipeline = LocomotivePipeline.create(locomotiveId, bootId, source, vehicle, outbox);
  }

  /**
   * Size of the telemetry frame a gateway would send for this state, bytes: one cycle of a
   * pipeline on the direct source with an outbox that only measures.
   */
  static int frameBytes(String locomotiveId, LocomotiveState state, VehicleSpec vehicle, InstantSource utc) {
    int[] size = new int[1];
    Outbox measure = new Outbox() {
      private long sequence;

      @Override
      public long nextSequence() {
        return ++sequence;
      }

      @Override
      public void append(StreamKind kind, long sequence, byte[] payload) {
        if (kind == StreamKind.TELEMETRY) {
          size[0] = payload.length;
        }
      }
    };
    try (StateSnapshotSource source = new StateSnapshotSource(() -> state, utc)) {
      LocomotivePipeline.create(locomotiveId, 1, source, vehicle, measure).tick();
    }
    return size[0];
  }

  /** Starts the uplink and waits until it is online. */
  @Override
  public void connect() {
    uplink.start();
    try {
      if (!online.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new FleetException("uplink of " + locomotiveId + " not online after " + CONNECT_TIMEOUT.toSeconds()
            + " s: " + uplink.link().detail(), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("interrupted while " + locomotiveId + " connected", e);
    }
  }

  @Override
  public void publish(LocomotiveState state) {
    latest = state;
    pipeline.tick();
  }

  @Override
  public Map<StreamKind, Long> published() {
    return outbox.appended();
  }

  /** Records the broker acknowledged: appended and no longer in the journal, minus those set aside. */
  @Override
  public long acknowledged() {
    long appended = outbox.total();
    return appended - journal.stats().queueDepthRecords() - uplink.setAsideCount();
  }

  /** Records the broker refused again and again, set aside by the uplink. */
  @Override
  public long refused() {
    return uplink.setAsideCount();
  }

  @Override
  public void close() {
    uplink.close();
    try {
      journal.close();
    } catch (JournalException e) {
      LOG.warn("fleet: closing the journal of {} failed: {}", locomotiveId, e.getMessage());
    }
    source.close();
  }

  /** The journal outbox, counting what it stored by stream. */
  private static final class CountingOutbox implements Outbox {

    private final Outbox inner;
    private final AtomicLongArray appended = new AtomicLongArray(StreamKind.values().length);

    CountingOutbox(Outbox inner) {
      this.inner = inner;
    }

    @Override
    public long nextSequence() {
      return inner.nextSequence();
    }

    @Override
    public void append(StreamKind kind, long sequence, byte[] payload) {
      inner.append(kind, sequence, payload);
      appended.incrementAndGet(kind.ordinal());
    }

    Map<StreamKind, Long> appended() {
      Map<StreamKind, Long> counts = new EnumMap<>(StreamKind.class);
      for (StreamKind kind : StreamKind.values()) {
        counts.put(kind, appended.get(kind.ordinal()));
      }
      return counts;
    }

    long total() {
      long s = 0;
      for (int i = 0; i < appended.length(); i++) {
        s += appended.get(i);
      }
      return s;
    }
  }
}
