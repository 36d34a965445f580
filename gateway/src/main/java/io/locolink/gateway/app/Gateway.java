package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.devices.SampleClock;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.Platforms;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.PackTopology;
import io.locolink.gateway.depot.DepotService;
import io.locolink.gateway.depot.DepotState;
import io.locolink.gateway.depot.LiveBattery;
import io.locolink.gateway.framing.BootSequence;
import io.locolink.gateway.framing.DepotAnnouncement;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.StatusCodec;
import io.locolink.gateway.journal.BootHandover;
import io.locolink.gateway.lamp.AlarmLamp;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalException;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.gateway.trips.TripRecorder;
import io.locolink.gateway.storage.FileIo;
import io.locolink.gateway.systemd.ServiceManager;
import io.locolink.gateway.systemd.WatchdogPinger;
import io.locolink.gateway.uplink.Uplink;
import io.locolink.gateway.uplink.Uplinks;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The onboard gateway, wired from its configuration: devices → acquisition → estimation →
 * framing → journal → uplink, every energy record also into the energy archive and every record
 * of a trip into its trip log, both served by the depot server, and the alarm lamp driven from the
 * most severe active alarm.
 * The only place that builds the whole chain; {@link #close()} takes it down in reverse order.
 */
public final class Gateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch settled = new CountDownLatch(1);
  private long frameCycles;  // acquisition thread only
  private volatile Throwable fatal;
  private volatile DepotService depot;
  private volatile DepotState depotBeforeStart = DepotState.disabled();

  /** When the depot server starts at the latest if no telemetry frame was stored before. */
  static final Duration DEPOT_LATEST_START = Duration.ofSeconds(10);

  /**
   * The cycle storing telemetry whose end settles the start: the second (a frame span's frames are stored in
   * one cycle), so that the first frame has its whole span to reach the ground before work it does not need
   * (the depot server's DTLS set-up, the service manager's native library) competes with it for the processor.
   */
  static final int SETTLED_AT_FRAME = 2;

  /**
   * How many cycles' snapshots acquisition keeps at most while the start opens the journal and the stores
   * (some 10 ms to 100 ms here, longer on a slow SD card); beyond, it waits for them instead of sampling on.
   */
  static final Duration START_BACKLOG = Duration.ofSeconds(10);

  private Gateway() {}

  /**
   * Opens the configured platform and starts the gateway on the platform's own sample clock (the
   * system's on hardware, the simulation's in lockstep on the simulator); closing it closes the
   * platform. Under systemd with {@code WatchdogSec}, every acquisition cycle that returns pings the
   * watchdog once {@code manager} was told the start is complete.
   */
  public static Gateway start(LocoLinkConfig cfg, ServiceManager manager) throws JournalException {
    long bootId = new SecureRandom().nextLong();
    long period = cfg.framing().samplePeriodNanos();
    Gateway gateway = new Gateway();
    try {
      Platform platform = gateway.own(Platforms.open(cfg.platform(), cfg.devices(), cfg.simulator(), period, bootId,
          java.util.Optional.of(cfg.stateDir())));
      WatchdogPinger watchdog = new WatchdogPinger(manager, System::nanoTime);
      gateway.wire(cfg, platform, platform.sampleClock(period), bootId, live -> {}, watchdog::cycleDone);
      return gateway;
    } catch (JournalException | RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  /**
   * Starts the gateway on a given platform and the platform's own sample clock (the demo passes a
   * simulated locomotive's); returns once acquisition runs. The caller keeps ownership of
   * {@code platform}.
   *
   * @param live called on the acquisition thread after every cycle
   * @throws JournalException if the journal cannot be opened
   */
  public static Gateway start(LocoLinkConfig cfg, Platform platform, long bootId, Consumer<LiveState> live)
      throws JournalException {
    return start(cfg, platform, platform.sampleClock(cfg.framing().samplePeriodNanos()), bootId, live);
  }

  /**
   * Starts the gateway on a given platform and clock and returns once acquisition runs; the uplink
   * connects in the background. The caller keeps ownership of {@code platform}.
   *
   * @param clock the clock every part of the gateway reads and the cycles run on: the system's, or
   *     a simulation's advanced in lockstep with the samples (faster than real time if it likes)
   * @param live called on the acquisition thread after every cycle
   * @throws JournalException if the journal cannot be opened
   */
  public static Gateway start(LocoLinkConfig cfg, Platform platform, SampleClock clock, long bootId,
      Consumer<LiveState> live) throws JournalException {
    Gateway gateway = new Gateway();
    try {
      gateway.wire(cfg, platform, clock, bootId, live, () -> {});
      return gateway;
    } catch (JournalException | RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  private void wire(LocoLinkConfig cfg, Platform platform, SampleClock clock, long bootId, Consumer<LiveState> live,
      Runnable cycleDone) throws JournalException {
    InstantSource utc = clock.utc();
    String loco = cfg.locomotive().id();
    // Sampling starts as soon as the devices are open (and the lamp, the platform's last claim), so that the
    // first frame's span runs while the journal, the broker connection and the stores open on this thread;
    // the runner keeps the cycles' snapshots until the pipeline is attached below, then hands them over in order.
    DeviceAcquisition acquisition = own(new DeviceAcquisition(platform, cfg.devices(), utc, clock.monotonicNanos()));
    AlarmLamp lamp = own(AlarmLamp.open(platform, cfg.devices().alarmOutputPin()));
    PipelineRunner runner = own(new PipelineRunner(acquisition, clock, startBacklog(cfg), "acquisition-" + loco,
        error -> {
          fatal = error;
          close();
        }));
    runner.afterEachCycle(cycleDone);
    runner.start();
    LOG.info("acquisition for {} sampling; journal, uplink and stores opening", loco);
    boolean cleanStart = CleanShutdown.takeMarker(cfg.stateDir());  // before the journal exists on a first run
    Journal journal = own(Journal.open(cfg.stateDir().resolve("journal"), cfg.journal(), utc));
    BootHandover handover = journal.beginBoot(bootId);
    var pack = cfg.devices().pack();
    BatteryEstimator estimator = BatteryEstimator.create(cfg.estimation(),
        new PackTopology(pack.cellsInSeries(), pack.stringsParallel()),
        DeviceAcquisition.driveCurrentDeadbandA(cfg.devices()));
    if (!cleanStart) {
      estimator.recoveredFromPowerFailure();
    }
    LearnedCapacityFile capacity = new LearnedCapacityFile(cfg.stateDir(), FileIo.SYSTEM);
    capacity.loadInto(estimator);
    BootSequence boot = new BootSequence(handover.previousBootId(), handover.previousLastSequence(),
        handover.firstSequence(), cleanStart);
    StatusCodec status = new StatusCodec(loco, bootId, LocoLinkCommand.version(), utc.instant(), acquisition::health,
        boot, journal::lastSequenceAppended, estimator::clockQuality, this::depotAnnouncement);
    GatewayHealth health = new GatewayHealth(acquisition::health, journal::stats, cfg.stateDir());
    Uplink uplink = Uplinks.create(cfg.uplink(), cfg.mqtt(), loco, journal, status::encode, utc,
        new SplittableRandom(bootId), null, null);
    uplink.addLinkListener(e -> LOG.info("uplink {}{}", e.state(), e.fault().map(f -> " (" + f + ")").orElse("")));
    uplink.addLinkListener(health::onLink);
    own(uplink);
    if (cfg.depot().enabled()) {
      depotBeforeStart = DepotState.notStarted(utc.instant().plus(DEPOT_LATEST_START));
    }
    // The broker connection is made while the rest starts up (the link thread loads Paho meanwhile).
    uplink.start();
    JournalOutbox journalOutbox = new JournalOutbox(journal);
    TripRecorder trips = own(TripRecorder.open(cfg.trips(), cfg.stateDir(), start ->
        new HeaderFields(loco, bootId, journalOutbox.nextSequence(), start, estimator.clockQuality())));
    if (!cfg.journal().syncAcknowledged()) {
      // one sync rule for both: the trip log's blocks are synced when the ground may lack their records
      trips.syncOnlyWhen(journal::groundBehind);
      journal.addSyncListener(trips::syncLog);
    }
    for (FinishedTrip trip : trips.recoveredTrips()) {
      LOG.info("trip {} left open by the last run finished from its checkpoint", trip.info().id());
      journalOutbox.append(StreamKind.TRIP, trip.sequence(), trip.summaryBytes());
    }
    GatewayPipeline pipeline = new GatewayPipeline(loco, bootId, acquisition, estimator, journalOutbox,
        cfg.framing());
    pipeline.useClockQuality(estimator::clockQuality);
    EnergyStore archive = EnergyStore.open(cfg.trips().energyDirectory(cfg.stateDir()),
        cfg.trips().energyRetentionDays());
    pipeline.addHandler(new EnergyArchiving(archive));
    pipeline.addHandler(new TripTracking(trips, estimator, journalOutbox));
    pipeline.addListener(state -> lamp.show(state.estimates()));
    pipeline.addListener(live);
    pipeline.addListener(state -> health.onClock(estimator.clockQuality()));
    pipeline.addListener(state -> capacity.saveIfChanged(estimator));
    pipeline.addHandler(cycle -> {
      if (!cycle.frames().isEmpty() && ++frameCycles == SETTLED_AT_FRAME) {
        settled.countDown();
      }
    });
    if (cfg.depot().enabled()) {
      // Started once the start has settled (see SETTLED_AT_FRAME), on the depot service's own thread: its
      // DTLS set-up stays off the path to the first frame, and the uplink republishes the retained status
      // when the depot's state changes. A depot server that cannot start (address absent, key file bad)
      // retries on its own; telemetry goes on.
      DepotService service = own(DepotService.deferred(cfg.depot(), trips.store(), archive, utc, health,
          DEPOT_LATEST_START, uplink::statusChanged));
      depot = service;
      pipeline.addHandler(cycle -> {
        if (settled()) {
          service.beginNow();
        }
      });
      pipeline.addListener(state -> service.publishBattery(LiveBattery.of(state.snapshot(), state.estimates())));
    }
    own(new ShutdownFlush(pipeline, estimator, cfg.stateDir(), loco));
    AutoCloseable stopAcquisition = runner::close;  // closed first: the snapshots it keeps reach the pipeline
    own(stopAcquisition);
    runner.attach(pipeline);
    LOG.info("gateway for {} started: platform {}, journal at {}, uplink {}", loco, cfg.platform(),
        cfg.stateDir().resolve("journal"), cfg.uplink().inProcess() ? "in process" : cfg.mqtt().url());
  }

  /**
   * The depot server's state: disabled without one; {@link DepotState#notStarted} until its first
   * start attempt, which follows the start settling ({@link #awaitSettled}). Non-blocking, any thread.
   */
  public DepotState depotState() {
    DepotService service = depot;
    return service == null ? depotBeforeStart : service.state();
  }

  /** True once the start has settled (see {@link #awaitSettled}); non-blocking, any thread. */
  public boolean settled() {
    return settled.getCount() == 0;
  }

  /**
   * Waits until the start has settled: the gateway stored its second telemetry frame, so the first has had
   * its span to reach the ground; at once after {@link #close()}. Work the first frame does not need (the
   * service manager's notification, say) waits for this.
   *
   * @return true if it settled within {@code timeout}
   */
  public boolean awaitSettled(Duration timeout) throws InterruptedException {
    return settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until the depot server's first start attempt has ended (serving or retrying), or at once
   * without a depot server; true if it had within {@code timeout}.
   */
  public boolean awaitDepotStarted(Duration timeout) throws InterruptedException {
    DepotService service = depot;
    return service == null || service.awaitFirstAttempt(timeout);
  }

  private DepotAnnouncement depotAnnouncement() {
    DepotState d = depotState();
    return new DepotAnnouncement(DepotAnnouncement.State.valueOf(d.phase().name()), d.address(), d.port(),
        d.identities(), d.error().orElse(""), d.failures());
  }

  /** Snapshots kept at most while the start opens the journal and the stores: {@link #START_BACKLOG} of cycles. */
  private static int startBacklog(LocoLinkConfig cfg) {
    return (int) Math.max(1, START_BACKLOG.toNanos() / cfg.framing().samplePeriodNanos());
  }

  /**
   * Takes {@code resource} to close with the gateway. Acquisition runs during the start, so a fatal error can
   * close the gateway before the start is over: a resource opened after that is closed at once.
   *
   * @throws IllegalStateException if the gateway was closed meanwhile
   */
  private synchronized <T extends AutoCloseable> T own(T resource) {
    if (closed()) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
      }
      throw new IllegalStateException("the gateway was closed during its start"
          + (fatal == null ? "" : " by a fatal error: " + fatal));
    }
    resources.push(resource);
    return resource;
  }

  /** The error that stopped acquisition, if one did. */
  public java.util.Optional<Throwable> fatalError() {
    return java.util.Optional.ofNullable(fatal);
  }

  /** Blocks until {@link #close()} is called (from a shutdown hook, say). */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** Stops acquisition, then the uplink (publishing the offline status), then syncs the journal. */
  @Override
  public synchronized void close() {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
    stopped.countDown();
    settled.countDown();
  }

  /** True once {@link #close()} has taken the gateway down. */
  public boolean closed() {
    return stopped.getCount() == 0;
  }
}
