package io.locolink.simulator.lockstep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import io.locolink.proto.v1.TripSummary;
import io.locolink.simulator.pi4j.LockstepClock;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.physics.EnergyLedger;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The real gateway on a simulated locomotive in lockstep at a given speed, until the samples reach
 * a simulated instant; then everything it journaled (the broker is unreachable on purpose, so
 * nothing leaves the journal) beside the simulator's energy ledger at every physics step.
 *
 * @param config the gateway's configuration
 * @param energy the energy records, in order, then the period in progress at the stop (which the
 *     stop keeps in the state directory for the next start, see {@link #keptPeriod})
 * @param frames the telemetry frames, in order
 * @param ledger the simulator's ledger by simulated UTC, one entry per physics step
 * @param speeds the true speed by simulated UTC, km/h
 * @param trips the trip summaries, in order
 * @param firstSample UTC of the first sample
 * @param lastSample UTC of the last sample
 */
record LockstepRun(LocoLinkConfig config, List<EnergyPeriod> energy, List<DecodedFrame> frames,
    List<TripSummary> trips, NavigableMap<Instant, EnergyLedger.EnergyTotals> ledger,
    NavigableMap<Instant, Double> speeds, Instant firstSample, Instant lastSample) {

  /** Seed of the simulation and the chips' noise. */
  static final long SEED = 17;

  /** A configuration for the scenario's locomotive with its state in {@code dir}. */
  static LocoLinkConfig config(Scenario scenario, Path dir, String extraYaml) throws java.io.IOException {
    int nobody = MosquittoBroker.freePort();
    return ConfigLoader.parse("""
        locomotive: {id: KZ-LOCK-1, kind: %s}
        platform: simulator
        stateDir: "%s"
        devices: {driveCount: %d}
        mqtt: {url: "tcp://127.0.0.1:%d"}
        depot: {enabled: false}
        %s
        """.formatted(scenario.vehicle(), dir, scenario.vehicleSpec().driveCount(), nobody, extraYaml),
        LocoLinkConfig.class);
  }

  /**
   * Runs until the first sample at or after {@code until}, then stops the gateway cleanly.
   *
   * @param speed simulated seconds per wall second; 0 for flat out
   */
  static LockstepRun run(Scenario scenario, LocoLinkConfig cfg, double speed, Instant until) throws Exception {
    long period = cfg.framing().samplePeriodNanos();
    NavigableMap<Instant, EnergyLedger.EnergyTotals> ledger = new ConcurrentSkipListMap<>();
    NavigableMap<Instant, Double> speeds = new ConcurrentSkipListMap<>();
    AtomicReference<Instant> first = new AtomicReference<>();
    AtomicReference<Instant> last = new AtomicReference<>();
    CountDownLatch reached = new CountDownLatch(1);
    try (ScenarioRunner runner = ScenarioRunner.create(LockstepClock.steppedForSampling(scenario, period), SEED)) {
      record(ledger, speeds, runner.latest(), runner.model().energy());
      runner.addListener((state, model) -> record(ledger, speeds, state, model.energy()));
      LockstepClock clock = speed == 0 ? LockstepClock.flatOut(runner, period) : LockstepClock.paced(runner, period, speed);
      try (SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), SEED);
          Gateway gateway = Gateway.start(cfg, platform, clock, SEED, live -> {
            first.compareAndSet(null, live.snapshot().utc());
            last.set(live.snapshot().utc());
            if (!live.snapshot().utc().isBefore(until)) {
              reached.countDown();
            }
          })) {
        double wallS = (until.toEpochMilli() - scenario.initial().startUtc().toEpochMilli()) / 1000.0
            / (speed == 0 ? 100 : speed);
        assertTrue(reached.await(Math.round(wallS * 4 + 60), TimeUnit.SECONDS), "the samples reached " + until);
      }
    }
    List<EnergyPeriod> energy = new ArrayList<>(read(cfg, StreamKind.ENERGY, EnergyRecordCodec::decode));
    keptPeriod(cfg.stateDir()).ifPresent(energy::add);
    List<DecodedFrame> frames = read(cfg, StreamKind.TELEMETRY, TelemetryFrameDecoder::decode);
    List<TripSummary> trips = read(cfg, StreamKind.TRIP, bytes -> {
      try {
        return TripSummary.parseFrom(bytes);
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new AssertionError("not a trip summary", e);
      }
    });
    return new LockstepRun(cfg, energy, frames, trips, ledger, speeds, first.get(), last.get());
  }

  private static void record(NavigableMap<Instant, EnergyLedger.EnergyTotals> ledger, NavigableMap<Instant, Double> speeds,
      LocomotiveState state, EnergyLedger.EnergyTotals totals) {
    ledger.put(state.utc(), totals);
    speeds.put(state.utc(), state.speedKmh());
  }

  /** The energy period a clean stop kept in {@code stateDir} for the next start, as it stood at the stop. */
  static java.util.Optional<EnergyPeriod> keptPeriod(java.nio.file.Path stateDir) throws java.io.IOException {
    java.nio.file.Path file = stateDir.resolve("energy-period");
    if (!java.nio.file.Files.exists(file)) {
      return java.util.Optional.empty();
    }
    java.util.Properties p = new java.util.Properties();
    try (var in = java.nio.file.Files.newInputStream(file)) {
      p.load(in);
    }
    return java.util.Optional.of(EnergyRecordCodec.decode(java.util.Base64.getDecoder().decode(
        p.getProperty("asClosed"))));
  }

  private static <T> List<T> read(LocoLinkConfig cfg, StreamKind kind, Function<byte[], T> decode) throws Exception {
    List<T> out = new ArrayList<>();
    try (Journal journal = Journal.open(cfg.stateDir().resolve("journal"), JournalConfig.defaults(),
        InstantSource.system())) {
      long after = -1;
      while (true) {
        var next = journal.next(kind, after, Long.MAX_VALUE);
        if (next.isEmpty()) {
          return out;
        }
        JournalRecord r = next.get();
        out.add(decode.apply(r.payload()));
        after = r.sequence();
      }
    }
  }

  /**
   * The ledger's advance between two simulated instants, each read at the last step at or before
   * it (the start of the run for an instant before it).
   */
  EnergyLedger.EnergyTotals ledgerBetween(Instant from, Instant to) {
    EnergyLedger.EnergyTotals a = at(from);
    EnergyLedger.EnergyTotals b = at(to);
    return new EnergyLedger.EnergyTotals(b.wheelTractionJ() - a.wheelTractionJ(), b.wheelRegenJ() - a.wheelRegenJ(),
        b.tractionLossJ() - a.tractionLossJ(), b.frictionBrakeJ() - a.frictionBrakeJ(),
        b.auxiliaryJ() - a.auxiliaryJ(), b.heaterJ() - a.heaterJ(), b.gensetJ() - a.gensetJ(),
        b.depotJ() - a.depotJ(), b.batteryTerminalOutJ() - a.batteryTerminalOutJ(),
        b.batteryChemicalOutJ() - a.batteryChemicalOutJ(), b.balancingJ() - a.balancingJ(),
        b.batteryDischargeJ() - a.batteryDischargeJ(), b.batteryChargeJ() - a.batteryChargeJ(),
        b.brakingChargeJ() - a.brakingChargeJ());
  }

  private EnergyLedger.EnergyTotals at(Instant utc) {
    var entry = ledger.floorEntry(utc);
    return entry == null ? ledger.firstEntry().getValue() : entry.getValue();
  }
}
