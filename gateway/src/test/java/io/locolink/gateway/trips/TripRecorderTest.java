package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.PackTopology;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TripSummaryCodec;
import io.locolink.gateway.framing.TripSummaryFields;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.LogRecord;
import io.locolink.testing.SyntheticTrip;
import io.locolink.testing.SyntheticTrip.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the recorder, with the real estimator's estimates, through a scripted trip whose totals
 * follow from the physics: 70 kW drawn for 600 s is 11,666.7 Wh; 35 kW returned for 120 s is
 * 1,166.7 Wh; 10 m/s for 720 s is 7,200 m. Each sample's power holds until the next sample (the
 * estimator's energy meter, whose registers the trip takes its energy from), so the 14 kW of the
 * sample at 0 s counts for the first second: 3.9 Wh more. The SoC starts at the BMS's 80 % the
 * estimator is seeded with and falls by the net charge counted over the pack's capacity.
 */
class TripRecorderTest {

  static final long S = 1_000_000_000L;
  static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");
  static final SummaryHeaders HEADERS = start -> new HeaderFields("TEST-001", 7, 42, start, ClockQuality.SYNCED);

  @TempDir Path dir;

  private TripsConfig config() {
    return TripsConfig.defaults().withDirectory(dir);
  }

  static State stateAt(int t) {
    double soc = 80 - Math.min(t, 720) * 0.01;
    double cell = 25 + Math.min(t, 720) / 100.0;
    double winding = 60 + Math.min(t, 720) / 20.0;
    if (t == 0) {
      return new State(true, 0, 700, 20, 0, cell, winding, soc);
    } else if (t <= 600) {
      return new State(true, 36, 700, 100, 40, cell, winding, soc);
    } else if (t <= 720) {
      return new State(true, 36, 700, -50, -40, cell, winding, soc);
    }
    return new State(false, 0, 700, 0, 0, cell, winding, soc);
  }

  /** Feeds seconds [from, to) of the script; returns the finished trip if one closed. */
  static Optional<FinishedTrip> feed(TripRecorder recorder, int from, int to, Random noise) {
    BatteryEstimator estimator = BatteryEstimator.create(EstimationConfig.defaults(),
        new PackTopology(SyntheticTrip.CELLS, 1));
    for (int t = from; t < to; t++) {
      State s = stateAt(t);
      double odo = 1000 + 10.0 * Math.min(t, 720);
      double fuel = 10 + t * 0.005;
      var snapshot = SyntheticTrip.snapshot(t * S, T0.plusSeconds(t), s, odo, fuel);
      List<Alarm> alarms = switch (t) {
        case 100 -> List.of(SyntheticTrip.alarm(T0.plusSeconds(t), AlarmEvent.ALARM_RAISED, 0));
        case 200 -> List.of(SyntheticTrip.alarm(T0.plusSeconds(t), AlarmEvent.ALARM_CLEARED, 0));
        case 300 -> List.of(SyntheticTrip.alarm(T0.plusSeconds(t), AlarmEvent.ALARM_STORM_SUMMARY, 5));
        default -> List.of();
      };
      List<EnergyRecord> energy = switch (t) {
        case 300 -> List.of(SyntheticTrip.energy(T0.plusSeconds(300), 5833, 0, 1200));
        case 600 -> List.of(SyntheticTrip.energy(T0.plusSeconds(600), 5833, 0, -300));
        default -> List.of();
      };
      // the pipeline's one input per cycle: the messages of the cycle that starts the trip belong
      // to no trip, those of the cycle that ends it are its last
      Optional<FinishedTrip> done = recorder.onCycle(SyntheticTrip.cycle(snapshot, estimator.update(snapshot),
          SyntheticTrip.frame(t, T0.plusSeconds(t), s, odo, noise), energy, alarms));
      if (done.isPresent()) {
        return done;
      }
    }
    return Optional.empty();
  }

  @Test
  void scriptedTripGivesThePhysicalTotals() throws Exception {
    FinishedTrip trip;
    try (TripRecorder recorder = TripRecorder.open(config(), HEADERS)) {
      trip = feed(recorder, 0, 2000, new Random(7)).orElseThrow();
      assertTrue(recorder.currentTrip().isEmpty());
    }
    TripSummaryFields s = trip.summary();
    assertEquals(T0, s.start());
    assertEquals(T0.plusSeconds(841), s.end(), "key off at 721 s + 120 s grace");
    assertEquals(Math.round((14_000 * 1 + 70_000 * 600) / 3600.0), s.consumedWh());  // 11,671 Wh
    assertEquals(1_167, s.regeneratedWh());
    assertEquals(7_200, s.distanceM());
    assertEquals(800, s.socStartPermille());
    // net 20 As + 100 A x 600 s - 50 A x 120 s = 15.006 Ah of 1,400 Ah x 98 % SoH: 1.094 points
    assertEquals(789, s.socEndPermille());
    assertEquals(OptionalInt.of(240), s.minCellTempDc());
    assertEquals(OptionalInt.of(332), s.maxCellTempDc());
    assertEquals(OptionalInt.of(970), s.maxMotorTempDc());
    assertEquals(6, s.alarms(), "one raised + a storm summary standing for five");
    assertEquals(900, s.co2AvoidedG());
    assertEquals(4_205, s.dieselMl());
    assertEquals(841, s.frames());
    assertEquals(42, trip.sequence());
    assertEquals(trip.info().id().value(), s.tripId());
    // the published bytes, read with the generated class: the same values under the same header
    io.locolink.proto.v1.TripSummary wire = io.locolink.proto.v1.TripSummary.parseFrom(trip.summaryBytes());
    assertEquals(11_671, wire.getConsumedWh());
    assertEquals(970, wire.getMaxMotorTempDc());
    assertEquals("TEST-001", wire.getHeader().getLocomotiveId());
    assertEquals(42, wire.getHeader().getSequence());
    assertEquals(T0.toEpochMilli(), wire.getHeader().getTimeUnixMs());
  }

  @Test
  void logHoldsEveryRecordOfTheTripAndEndsWithTheSummary() throws IOException {
    FinishedTrip trip;
    TripRecorder recorder = TripRecorder.open(config(), HEADERS);
    trip = feed(recorder, 0, 2000, new Random(7)).orElseThrow();
    List<LogRecord> records = new ArrayList<>();
    try (var ch = recorder.store().openLog(trip.info())) {
      TripLogReader.read(ch, p -> records.add(TestTrips.parse(p)));
    }
    recorder.close();
    assertEquals(841, records.stream().filter(LogRecord::hasFrame).count());
    assertEquals(2, records.stream().filter(LogRecord::hasEnergy).count());
    assertEquals(3, records.stream().filter(LogRecord::hasAlarm).count());
    assertEquals(trip.summary(), TripSummaryCodec.decode(records.get(records.size() - 1).getTrip().toByteArray()));
    assertArrayEquals(trip.summaryBytes(), records.get(records.size() - 1).getTrip().toByteArray());
    assertEquals(trip.info().sha256Hex(), TripStore.sha256(dir.resolve("trips").resolve(trip.info().id() + ".llt")));
    assertEquals(List.of(trip.info()), recorder.store().list());
  }

  @Test
  void aTripLeftOpenByACrashIsFinishedFromItsLastCheckpointAtTheNextStart() throws IOException {
    Path crashed = dir.resolve("crashed");
    TripRecorder recorder = TripRecorder.open(config(), HEADERS);
    feed(recorder, 0, 401, new Random(3));
    String id = recorder.currentTrip().orElseThrow().value();
    // Power cut: copy the files as they are on disk now; the recorder is never closed.
    Files.createDirectories(crashed.resolve("trips"));
    Files.copy(dir.resolve("trips").resolve(id + ".llt.open"), crashed.resolve("trips").resolve(id + ".llt.open"));
    recorder.close();

    try (TripRecorder again = TripRecorder.open(TripsConfig.defaults().withDirectory(crashed), HEADERS)) {
      assertEquals(1, again.recoveredTrips().size());
      TripSummaryFields s = again.recoveredTrips().get(0).summary();
      assertEquals(id, s.tripId());
      assertEquals(T0.plusSeconds(400), s.end(), "last checkpoint: snapshot at 400 s");
      assertEquals(400, s.frames());
      // 14 kW for [0, 1) s and 70 kW for [1, 400) s: the sample at 400 s holds for what comes after it
      assertEquals(Math.round((14_000 * 1 + 70_000 * 399) / 3600.0), s.consumedWh());
      assertEquals(42, again.recoveredTrips().get(0).sequence(), "recovered summary gets a fresh header");
      assertEquals(1, again.store().list().size());
      assertFalse(Files.exists(crashed.resolve("trips").resolve(id + ".llt.open")));
    }
  }

  @Test
  void orderlyCloseLeavesTheTripToBeFinishedAtTheNextStart() {
    TripRecorder recorder = TripRecorder.open(config(), HEADERS);
    feed(recorder, 0, 50, new Random(3));
    recorder.close();
    try (TripRecorder again = TripRecorder.open(config(), HEADERS)) {
      assertEquals(1, again.recoveredTrips().size());
      // the frames of seconds 1..49: the cycle that started the trip logged none
      assertEquals(49, again.recoveredTrips().get(0).summary().frames());
    }
  }
}
