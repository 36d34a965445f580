package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.estimation.AlarmTier;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.estimation.EnergyPeriod.DataStatus;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.LogRecord;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.SyntheticTrip;
import io.locolink.testing.SyntheticTrip.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a trip's log holds, read back with the generated {@code LogRecord} class. */
class TripLogContentTest {

  @TempDir Path dir;

  @Test
  void aCyclesMessagesLandInTheTripLogAsTheyWereEncoded() throws Exception {
    Instant t0 = Instant.parse("2026-11-20T06:00:00Z");
    List<TelemetryFrame> frames = new ArrayList<>();
    byte[] alarmBytes = SyntheticTrip.alarm(t0.plusSeconds(29), AlarmEvent.ALARM_RAISED, 0).toByteArray();
    byte[] energyBytes = SyntheticTrip.energy(t0.plusSeconds(300), 10, 0, 7).toByteArray();
    FinishedTrip trip;
    try (TripRecorder recorder = TripRecorder.open(TripsConfig.defaults().withDirectory(dir), TripRecorderTest.HEADERS)) {
      Random noise = new Random(2);
      for (int t = 0; t < 30; t++) {
        State s = new State(true, 10, 700, 100, 50, 25, 70, 80);
        TelemetryFrame f = SyntheticTrip.frame(t, t0.plusSeconds(t), s, t * 3.0, noise);
        frames.add(f);
        List<CycleRecords.Encoded<io.locolink.gateway.estimation.AlarmEvent>> alarms = t == 29
            ? List.of(new CycleRecords.Encoded<>(raised(t0.plusSeconds(29)), alarmBytes)) : List.of();
        List<CycleRecords.Encoded<EnergyPeriod>> energy = t == 29
            ? List.of(new CycleRecords.Encoded<>(period(t0.plusSeconds(300), 7), energyBytes)) : List.of();
        recorder.onCycle(new CycleRecords(SyntheticTrip.snapshot(t * 1_000_000_000L, t0.plusSeconds(t), s, t * 3.0, 0),
            SyntheticTrip.estimates(s), List.of(f.toByteArray()), energy, alarms));
      }
      trip = recorder.finishNow().orElseThrow();
    }
    List<LogRecord> records = new ArrayList<>();
    TripLogReader.read(dir.resolve("trips").resolve(trip.info().id() + ".llt"), p -> records.add(TestTrips.parse(p)));
    // the first cycle starts the trip: its frame belongs to no trip
    assertEquals(frames.subList(1, 30), records.stream().filter(LogRecord::hasFrame).map(LogRecord::getFrame).toList());
    assertArrayEquals(alarmBytes, records.stream().filter(LogRecord::hasAlarm).findFirst().orElseThrow()
        .getAlarm().toByteArray());
    assertArrayEquals(energyBytes, records.stream().filter(LogRecord::hasEnergy).findFirst().orElseThrow()
        .getEnergy().toByteArray());
    assertEquals(29, trip.summary().frames());
    assertEquals(1, trip.summary().alarms());
    assertEquals(7, trip.summary().co2AvoidedG(), "from the energy period the estimator closed");
    assertEquals(42, trip.sequence());
  }

  private static io.locolink.gateway.estimation.AlarmEvent raised(Instant at) {
    return new io.locolink.gateway.estimation.AlarmEvent("CELL_VOLTAGE_HIGH", AlarmTier.NOTE,
        io.locolink.gateway.estimation.AlarmEvent.Kind.RAISED, "cell", 3, 3.56, 3.55, "V", at, 0);
  }

  private static EnergyPeriod period(Instant end, long co2AvoidedG) {
    return new EnergyPeriod("KZ1", end, 300, 10, 0, 0, 0, 0, Optional.empty(), DataStatus.VALID, DataStatus.VALID,
        DataStatus.MISSING, 0, 0, 0, co2AvoidedG);
  }
}
