package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.estimation.AlarmEvent.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Alarms: the reference table's tiers, debounce and hysteresis, storm summaries. */
class AlarmTest {

  private BatteryEstimator estimator = BatteryEstimator.create(EstimationConfig.defaults(), PackTopology.reference());
  private final SnapshotBuilder b = new SnapshotBuilder().pack(700, 100);
  private final List<AlarmEvent> events = new ArrayList<>();
  private Estimates last;

  private void run(double seconds) {
    for (int i = 0; i < Math.round(seconds * 10); i++) {
      step();
    }
  }

  private void step() {
    last = estimator.update(b.build());
    events.addAll(last.alarmEvents());
    b.advance(0.1);
  }

  private List<AlarmEvent> events(String code, Kind kind) {
    return events.stream().filter(e -> e.code().equals(code) && e.kind() == kind).toList();
  }

  @Test
  void noisyCellVoltageAroundTheLimitDoesNotChatter() {
    Random noise = new Random(42);
    int naiveCrossings = 0;
    boolean above = false;
    // 10 minutes at 10 Hz, cell 2 at 3.555 V +- 10 mV (one sigma) against the 3.55 V NOTE limit
    for (int i = 0; i < 6000; i++) {
      double v = 3.555 + 0.010 * noise.nextGaussian();
      naiveCrossings += (v > 3.55) != above ? 1 : 0;
      above = v > 3.55;
      b.cells(3.30, 3.30, v, 3.30);
      step();
    }
    assertTrue(naiveCrossings > 1000, "a bare comparator would have flipped " + naiveCrossings + " times");
    assertEquals(1, events("CELL_VOLTAGE_HIGH", Kind.RAISED).size());
    assertEquals(0, events("CELL_VOLTAGE_HIGH", Kind.CLEARED).size());
    // one minute at 3.50 V +- 10 mV: clears once the value stays below 3.53 V for 3 s
    for (int i = 0; i < 600; i++) {
      b.cells(3.30, 3.30, 3.50 + 0.010 * noise.nextGaussian(), 3.30);
      step();
    }
    assertEquals(1, events("CELL_VOLTAGE_HIGH", Kind.CLEARED).size());
    assertEquals(2, events.size());
    AlarmEvent raised = events.get(0);
    assertEquals(AlarmTier.NOTE, raised.tier());
    assertEquals(2, raised.index());
    assertEquals(3.55, raised.limit());
    assertEquals("cell.voltage", raised.signal());
    assertTrue(raised.value() > 3.55);
  }

  @Test
  void cellVoltageLowEscalatesThroughThreeTiersAndClears() {
    b.cells(3.2, 3.2, 3.2, 3.2);
    run(2);
    for (double v : new double[] {2.75, 2.60, 2.45}) {
      b.cells(3.2, v, 3.2, 3.2);
      run(2);
    }
    List<AlarmEvent> raised = events("CELL_VOLTAGE_LOW", Kind.RAISED);
    assertEquals(List.of(AlarmTier.NOTE, AlarmTier.REDUCE, AlarmTier.OPEN_CONTACTORS), raised.stream().map(AlarmEvent::tier).toList());
    assertEquals(List.of(2.80, 2.65, 2.50), raised.stream().map(AlarmEvent::limit).toList());
    assertEquals(Optional.of(AlarmTier.OPEN_CONTACTORS), last.highestTier());
    assertEquals(3, last.activeAlarms());
    b.cells(3.2, 3.2, 3.2, 3.2);
    run(4);
    assertEquals(3, events("CELL_VOLTAGE_LOW", Kind.CLEARED).size());
    assertEquals(Optional.empty(), last.highestTier());
    assertEquals(0, last.activeAlarms());
  }

  @Test
  void chargeTemperatureLimitsApplyOnlyWhileCharging() {
    b.cells(3.3, 3.3, 3.3, 3.3).temps(6, 3, 6, 6);
    b.pack(700, 100); // discharging at 3 degC: allowed (discharge limit is -20 degC)
    run(5);
    assertEquals(0, events.size());
    b.pack(700, -100); // charging at 3 degC: below the 5 degC note limit
    run(2);
    List<AlarmEvent> raised = events("CHARGE_TEMPERATURE_LOW", Kind.RAISED);
    assertEquals(1, raised.size());
    assertEquals(1, raised.get(0).index());
    assertEquals(5.0, raised.get(0).limit());
  }

  @Test
  void insulationIsJudgedInOhmsPerVolt() {
    b.insulationKohm = Reading.good(300); // 300 kOhm / 700 V = 428.6 Ohm/V < 500
    run(2);
    assertEquals(1, events("INSULATION_LOW", Kind.RAISED).size());
    assertEquals(300_000 / 700.0, events("INSULATION_LOW", Kind.RAISED).get(0).value(), 1e-9);
    b.insulationKohm = Reading.good(50); // 71.4 Ohm/V < 100: open the contactors
    run(2);
    assertEquals(Optional.of(AlarmTier.OPEN_CONTACTORS), last.highestTier());
  }

  @Test
  void imbalanceOnlyAtRestAndTemperatureSpread() {
    b.cells(3.30, 3.30, 3.36, 3.30); // 60 mV spread under load: not judged
    run(3);
    assertEquals(0, events("CELL_IMBALANCE", Kind.RAISED).size());
    b.pack(700, 0);
    run(2);
    assertEquals(1, events("CELL_IMBALANCE", Kind.RAISED).size());
    assertEquals(2, events("CELL_IMBALANCE", Kind.RAISED).get(0).index());
    b.temps(20, 29.5, 20, 21); // 9.5 degC spread > 8
    run(2);
    assertEquals(1, events("TEMPERATURE_SPREAD", Kind.RAISED).size());
  }

  @Test
  void motorAndInverterTemperatures() {
    b.drives = new ArrayList<>(List.of(SnapshotBuilder.drive(0, 700, 100, 80, 50, 60),
        SnapshotBuilder.drive(1, 700, 100, 160, 112, 151)));
    run(2);
    assertEquals(1, events("MOTOR_WINDING_HIGH", Kind.RAISED).size());
    assertEquals(1, events("MOTOR_WINDING_HIGH", Kind.RAISED).get(0).index());
    assertEquals(2, events("MOTOR_BEARING_HIGH", Kind.RAISED).size());
    assertEquals(2, events("INVERTER_HIGH", Kind.RAISED).size());
  }

  @Test
  void aStormIsSummarisedNotFlooded() {
    double[] high = SnapshotBuilder.filled(216, 3.70); // every cell over all three tiers at once
    b.cells(high);
    run(2);
    // 216 cells x 3 tiers = 648 raises: the first 20 pass, plus the first REDUCE and the first
    // OPEN_CONTACTORS (more severe than anything let through); 626 are held back.
    assertEquals(22, events.size());
    assertEquals(648, last.activeAlarms());
    assertEquals(Optional.of(AlarmTier.OPEN_CONTACTORS), last.highestTier());
    run(10);
    List<AlarmEvent> summaries = events.stream().filter(e -> e.kind() == Kind.STORM_SUMMARY).toList();
    assertEquals(1, summaries.size());
    assertEquals(626, summaries.get(0).suppressed());
    assertEquals(AlarmTier.OPEN_CONTACTORS, summaries.get(0).tier());
    assertEquals(23, events.size());
  }

  @Test
  void limitsCanBeOverriddenByConfiguration() {
    EstimationConfig config = new EstimationConfig(null, null, null, null, null, null, null, null,
        new EstimationConfig.Alarms(null, null, null, null, Map.of("CELL_VOLTAGE_HIGH.NOTE", 3.50)), null);
    estimator = BatteryEstimator.create(config, PackTopology.reference());
    b.cells(3.3, 3.52, 3.3, 3.3);
    run(2);
    assertEquals(3.50, events("CELL_VOLTAGE_HIGH", Kind.RAISED).get(0).limit());
    EstimationConfig wrong = new EstimationConfig(null, null, null, null, null, null, null, null,
        new EstimationConfig.Alarms(null, null, null, null, Map.of("CELL_VOLTAGE_HIGH.SEVERE", 3.50)), null);
    ConfigException e = assertThrows(ConfigException.class, () -> BatteryEstimator.create(wrong, PackTopology.reference()));
    assertEquals("estimation.alarms.limits.CELL_VOLTAGE_HIGH.SEVERE", e.key());
  }
}
