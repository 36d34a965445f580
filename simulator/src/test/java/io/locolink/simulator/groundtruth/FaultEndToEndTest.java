package io.locolink.simulator.groundtruth;

import static io.locolink.gateway.acquisition.QualityFlag.DEVICE_OFFLINE;
import static io.locolink.gateway.acquisition.QualityFlag.SENSOR_INVALID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.AlarmTier;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.simulator.groundtruth.GroundTruthRig.Cycle;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.scenario.Scenarios;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into the emulated devices during a scenario show up end to end as flagged
 * samples and device status, and (for a cell over its limit) as alarms from the estimator; the
 * pipeline keeps running through them; and every reading comes back when the fault clears. The
 * gateway acquires at 1 Hz on simulated time.
 */
class FaultEndToEndTest {

  /** Reference table: cell voltage high, note / reduce / open contactors, volts. */
  private static final double CELL_HIGH_NOTE_V = 3.55;
  private static final double CELL_HIGH_REDUCE_V = 3.60;
  private static final double CELL_HIGH_OPEN_V = 3.65;
  /** Reference table: cell imbalance at rest, note, volts. */
  private static final double IMBALANCE_NOTE_V = 0.050;

  /**
   * Shunting: the BMS goes silent for a minute, then a cell temperature sensor and a winding
   * PT100 go open. Pack current and voltage stay good, SoC keeps tracking the truth and energy
   * keeps being counted; the silent BMS is reported offline and its cells flagged; the dead
   * sensors are flagged invalid while their neighbours stay good; all of it recovers.
   */
  @Test
  void bmsSilenceAndDeadSensorsAreFlaggedAndRecoverWhileShunting() {
    String faults = "bms-silence@600s+60s,dead-sensor:bms.temp[17]@900s+120s,dead-sensor:drive2-winding@1100s+60s";
    try (GroundTruthRig rig = new GroundTruthRig(Scenarios.builtIn("shunting-day"), faults)) {
      List<Cycle> cycles = new ArrayList<>();
      boolean bmsReportedOffline = false;
      while (rig.runner.latest().timeS() < 1300 - 1e-6) {
        Cycle c = rig.cycle(1.0);
        cycles.add(c);
        double t = c.truth().timeS();
        if (t >= 600 && t < 660 && !rig.health("bms").online()) {
          bmsReportedOffline = true;
        }
      }
      // the pipeline kept running: a snapshot every second, the shunt good throughout, SoC on the truth
      assertEquals(1300, cycles.size());
      for (Cycle c : cycles) {
        assertTrue(c.snapshot().pack().currentA().isGood() && c.snapshot().pack().voltageV().isGood(),
            "shunt good at " + c.truth().timeS());
        // from the BMS's first status (third cycle) on, SoC follows the truth through the faults
        if (c.truth().timeS() >= 3) {
          assertEquals(c.truth().socTrue() * 100, c.estimates().socPercent(), 3.0, "SoC at " + c.truth().timeS());
        }
      }
      assertTrue(cycles.get(cycles.size() - 1).estimates().todayConsumedWh()
          > at(cycles, 660).estimates().todayConsumedWh() + 1000, "energy still counted after the silence");

      // BMS silence: detected within one refresh (3 s at 1 Hz) plus the 100 ms response timeout,
      // reported offline after three failed refreshes, cells flagged but the last values kept
      Cycle silent = at(cycles, 610);
      assertTrue(Arrays.stream(silent.snapshot().pack().cellVoltageFlags()).allMatch(f -> f != 0),
          "every cell flagged during the silence");
      assertTrue(bmsReportedOffline, "BMS reported offline during the silence");
      Cycle lateSilent = at(cycles, 655);
      assertTrue(DEVICE_OFFLINE.in(lateSilent.snapshot().pack().cellVoltageFlags()[0]), "cells flagged offline");
      assertArrayEquals(at(cycles, 605).snapshot().pack().cellVoltagesV(), lateSilent.snapshot().pack().cellVoltagesV(),
          "the last good cell voltages are held, not zeroed");
      assertTrue(Arrays.stream(lateSilent.snapshot().pack().cellVoltagesV()).allMatch(v -> v > 2.5 && v < 3.65));
      assertTrue(lateSilent.snapshot().drives().stream().allMatch(d -> d.currentA().isGood()), "drives unaffected");
      // the flags travel in the frame: every cell of the silent BMS, and nothing from the shunt
      List<DecodedFrame.Quality> silentQuality = GroundTruthRig.frame(lateSilent).quality();
      assertEquals(216, silentQuality.stream().filter(q -> q.channel().equals("CELL_VOLTAGE")
          && q.flags().contains("DEVICE_OFFLINE")).mapToInt(DecodedFrame.Quality::count).sum(),
          "every cell flagged offline in the frame: " + silentQuality);
      assertTrue(silentQuality.stream().noneMatch(q -> q.channel().startsWith("PACK_")), "pack channels good");
      // recovery: the guard retries an offline device after a backoff of at most maxBackoffMs
      // (30 s), then one BMS refresh (3 cycles)
      double recoverByS = 660 + rig.devices.maxBackoffMs() / 1000.0 + 4;
      Cycle back = at(cycles, recoverByS);
      assertTrue(Arrays.stream(back.snapshot().pack().cellVoltageFlags()).allMatch(f -> f == 0),
          "cells good again by " + recoverByS + " s");
      assertTrue(rig.health("bms").online(), "BMS back online: " + rig.health("bms"));
      double worstCellV = worstCell(back, cycles);
      assertTrue(worstCellV <= 0.0005 + 1e-9, "cells after recovery within 0.5 mV of a recent truth: " + worstCellV);

      // dead cell temperature sensor 17: invalid, its neighbours good, back when it clears
      Cycle deadTemp = at(cycles, 910);
      assertTrue(SENSOR_INVALID.in(deadTemp.snapshot().pack().cellTemperatureFlags()[17]), "sensor 17 invalid");
      assertEquals(0, deadTemp.snapshot().pack().cellTemperatureFlags()[16]);
      assertEquals(0, deadTemp.snapshot().pack().cellTemperatureFlags()[18]);
      // in the frame: sensor 17 invalid (its last good value held, so stale too), and nothing else
      List<DecodedFrame.Quality> deadQuality = GroundTruthRig.frame(deadTemp).quality();
      assertEquals(1, deadQuality.size(), "one flagged channel in the frame: " + deadQuality);
      assertEquals("CELL_TEMPERATURE", deadQuality.get(0).channel());
      assertEquals(17, deadQuality.get(0).index());
      assertTrue(deadQuality.get(0).flags().contains("SENSOR_INVALID"), "flags " + deadQuality.get(0).flags());
      Cycle tempBack = at(cycles, 1030);
      assertEquals(0, tempBack.snapshot().pack().cellTemperatureFlags()[17], "sensor 17 good again");
      assertEquals(List.of(), GroundTruthRig.frame(tempBack).quality(), "a clean frame again");
      assertEquals(tempBack.truth().cellTemperaturesC()[17], tempBack.snapshot().pack().cellTemperaturesC()[17], 0.3,
          "sensor 17 reads the truth again (0.1 C per count, within the last 3 s)");

      // dead winding PT100 on drive 2: invalid, the chip stays online, bearing good; recovers
      Cycle deadRtd = at(cycles, 1110);
      assertTrue(SENSOR_INVALID.in(deadRtd.snapshot().drives().get(2).windingC().flags()), "winding 2 invalid");
      assertTrue(deadRtd.snapshot().drives().get(2).bearingC().isGood());
      assertTrue(deadRtd.snapshot().drives().get(1).windingC().isGood());
      Cycle rtdBack = at(cycles, 1165);
      assertTrue(rtdBack.snapshot().drives().get(2).windingC().isGood(), "winding 2 good again");
      assertEquals(rtdBack.truth().drives().get(2).windingC(), rtdBack.snapshot().drives().get(2).windingC().value(), 0.12);

      // nothing in the truth is over a limit, so a fault in the readings must not raise an alarm
      List<AlarmEvent> raised = cycles.stream().flatMap(c -> c.estimates().alarmEvents().stream())
          .filter(e -> e.kind() == AlarmEvent.Kind.RAISED).toList();
      System.out.printf("Faults while shunting: BMS offline %s, recovered by %.0f s, cells after recovery within "
          + "%.4f V; alarms raised %s%n", bmsReportedOffline, back.truth().timeS(), worstCellV, raised);
      assertTrue(raised.isEmpty(), "no alarm from faulty readings: " + raised);
    }
  }

  /**
   * The built-in depot charge of the battery locomotive, then a cell drifting upwards (1 mV/s)
   * while the full pack rests on the charger. Expected from the truth and the reference table:
   * the pack really is imbalanced at rest at the top of charge (a weaker cell sits 0.2 V above
   * the others on the steep end of the LFP curve), so one imbalance note is raised when the rest
   * begins and stays; as the drifting cell's reading (true voltage plus drift) crosses 3.55 V and
   * 3.60 V the cell-voltage-high note and reduce are raised for that cell; nothing reaches open
   * contactors (3.65 V); the drifting cell is never implausible enough to be flagged; when the
   * fault clears, the cell alarms clear and the one true imbalance alarm is all that is left.
   */
  @Test
  void driftingCellRaisesAndClearsTheReferenceAlarms() {
    double start = 6000;
    double length = 220;
    double drift = 0.001;
    int cell = 42;
    String faults = "cell-drift:" + cell + "=" + drift + "@" + (long) start + "s+" + (long) length + "s";
    try (GroundTruthRig rig = new GroundTruthRig(Scenarios.builtIn("depot-charge"), faults)) {
      List<Cycle> cycles = new ArrayList<>();
      while (!rig.runner.finished()) {
        cycles.add(rig.cycle(1.0));
      }
      Cycle before = at(cycles, start - 1);
      assertTrue(Math.abs(before.truth().packCurrentA()) < 1, "the pack rests on the charger before the fault");
      double trueCellV = before.truth().cellVoltagesV()[cell];
      double peakReadingV = trueCellV + drift * length;
      assertTrue(peakReadingV > CELL_HIGH_REDUCE_V + 0.01 && peakReadingV < CELL_HIGH_OPEN_V - 0.01,
          "set-up: the drift takes the cell past reduce but not to open contactors: " + peakReadingV);

      List<AlarmEvent> events = cycles.stream().flatMap(c -> c.estimates().alarmEvents().stream()).toList();
      double noteAt = raisedAt(cycles, "CELL_VOLTAGE_HIGH", AlarmTier.NOTE);
      double reduceAt = raisedAt(cycles, "CELL_VOLTAGE_HIGH", AlarmTier.REDUCE);
      double imbalanceAt = raisedAt(cycles, "CELL_IMBALANCE", AlarmTier.NOTE);
      // expected: when the reading (truth + drift) crosses the limit, or the true spread at rest
      // exceeds 50 mV, plus one BMS refresh (3 s), the raise debounce (1 s) and one cycle
      double expectNote = start + (CELL_HIGH_NOTE_V - trueCellV) / drift;
      double expectReduce = start + (CELL_HIGH_REDUCE_V - trueCellV) / drift;
      double expectImbalance = cycles.stream()
          .filter(c -> Math.abs(c.truth().packCurrentA()) < 1 && spreadV(c.truth()) > IMBALANCE_NOTE_V)
          .mapToDouble(c -> c.truth().timeS()).findFirst().orElseThrow();
      System.out.printf("Drifting cell %d from %.4f V: note raised at %.0f s (expected %.0f), reduce at %.0f s "
          + "(expected %.0f); imbalance (true spread %.3f V at rest) at %.0f s (expected %.0f); events %s%n", cell,
          trueCellV, noteAt, expectNote, reduceAt, expectReduce, spreadV(before.truth()), imbalanceAt,
          expectImbalance, events);
      assertTrue(noteAt >= expectNote - 1 && noteAt <= expectNote + 5, "cell high note raised at " + noteAt);
      assertTrue(reduceAt >= expectReduce - 1 && reduceAt <= expectReduce + 5, "cell high reduce raised at " + reduceAt);
      assertTrue(imbalanceAt >= expectImbalance && imbalanceAt <= expectImbalance + 5,
          "imbalance raised at " + imbalanceAt);
      assertEquals(1, events.stream().filter(e -> e.code().equals("CELL_IMBALANCE")
          && e.kind() == AlarmEvent.Kind.RAISED).count(), "one imbalance alarm, however the extreme cell changes");
      AlarmEvent note = events.stream().filter(e -> e.code().equals("CELL_VOLTAGE_HIGH")
          && e.kind() == AlarmEvent.Kind.RAISED && e.tier() == AlarmTier.NOTE).findFirst().orElseThrow();
      assertEquals(cell, note.index(), "the alarm names the drifting cell");
      assertEquals(CELL_HIGH_NOTE_V, note.limit(), 1e-9);
      assertTrue(note.value() > CELL_HIGH_NOTE_V && note.value() < CELL_HIGH_NOTE_V + 0.006, "value " + note.value());
      assertFalse(events.stream().anyMatch(e -> e.tier() == AlarmTier.OPEN_CONTACTORS), "no open-contactors alarm");
      // the pipeline ran on and the cell was never implausible enough to be flagged
      assertTrue(cycles.stream().filter(c -> c.truth().timeS() >= start && c.truth().timeS() < start + length)
          .allMatch(c -> c.snapshot().pack().cellVoltageFlags()[cell] == 0), "the drifting cell is not flagged");
      // cleared: after the fault ends, within a refresh plus the clear debounce (3 s); the true
      // imbalance remains, named on the cell that really is the highest
      Cycle after = at(cycles, start + length + 10);
      assertEquals(1, after.estimates().activeAlarms(), "only the imbalance is left: " + rig.estimator.activeAlarms());
      assertEquals(List.of("CELL_IMBALANCE"), rig.estimator.activeAlarms().stream().map(AlarmEvent::code).toList());
      assertEquals(argMax(after.truth().cellVoltagesV()), rig.estimator.activeAlarms().get(0).index(),
          "the imbalance names the truly highest cell");
      assertEquals(2, events.stream().filter(e -> e.code().equals("CELL_VOLTAGE_HIGH")
          && e.kind() == AlarmEvent.Kind.CLEARED).count(), "note and reduce cleared");
      assertEquals(after.truth().cellVoltagesV()[cell], after.snapshot().pack().cellVoltagesV()[cell], 0.0015,
          "the cell reads the truth again");
    }
  }

  private static double spreadV(LocomotiveState s) {
    double[] v = s.cellVoltagesV();
    return Arrays.stream(v).max().orElseThrow() - Arrays.stream(v).min().orElseThrow();
  }

  private static int argMax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  private static double raisedAt(List<Cycle> cycles, String code, AlarmTier tier) {
    for (Cycle c : cycles) {
      for (AlarmEvent e : c.estimates().alarmEvents()) {
        if (e.code().equals(code) && e.tier() == tier && e.kind() == AlarmEvent.Kind.RAISED) {
          return c.truth().timeS();
        }
      }
    }
    throw new AssertionError(code + " " + tier + " never raised");
  }

  private static Cycle at(List<Cycle> cycles, double timeS) {
    return cycles.stream().filter(c -> c.truth().timeS() >= timeS - 1e-6).findFirst()
        .orElseThrow(() -> new AssertionError("run ended before " + timeS + " s"));
  }

  /** Worst cell error of {@code c} against the closest of the three true states up to it. */
  private static double worstCell(Cycle c, List<Cycle> cycles) {
    int i = cycles.indexOf(c);
    double best = Double.POSITIVE_INFINITY;
    for (int k = Math.max(0, i - 2); k <= i; k++) {
      double[] truth = cycles.get(k).truth().cellVoltagesV();
      double worst = 0;
      for (int j = 0; j < truth.length; j++) {
        worst = Math.max(worst, Math.abs(truth[j] - c.snapshot().pack().cellVoltagesV()[j]));
      }
      best = Math.min(best, worst);
    }
    return best;
  }
}
