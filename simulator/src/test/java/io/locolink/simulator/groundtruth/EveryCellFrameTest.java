package io.locolink.simulator.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.BmsRegisterMap;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.simulator.groundtruth.GroundTruthRig.Cycle;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.LocomotiveState.DriveState;
import io.locolink.simulator.scenario.Scenarios;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A telemetry frame built from one snapshot of the hybrid shunter at work in the built-in shunting
 * day carries every one of its 216 cells, every cell temperature sensor and every one of its six
 * traction drives, each within the resolution of the chip that measured it (and of the frame's own
 * scaling) of the simulator's true value. The frame goes through the real encoder and decoder.
 *
 * <p>The gateway acquires at 1 Hz on simulated time. The BMS refresh is spread over three cycles
 * (cells, then temperatures, then status), so a frame's cells and temperatures are each from one
 * of the last three cycles: the test finds the one cycle whose true state explains all 216 cells
 * (resp. all sensors) and fails if none does. Pack and drive channels are read every cycle and
 * are compared with the state of the frame's own cycle.
 */
class EveryCellFrameTest {

  // Pack shunt, INA228 (SBOSA20): VBUS LSB 195.3125 uV x divider 10 = 1.95 mV, CURRENT_LSB =
  // 3200 A / 2^19 = 6.1 mA; the emulation adds 2 LSB rms of noise (3.9 mV, 12.5 mA). Five sigma
  // plus half an LSB, plus half the frame's step (10 mV, 0.1 A).
  private static final double PACK_V_TOL = 5 * 3.9e-3 + 0.98e-3 + 0.005;
  private static final double PACK_A_TOL = 5 * 12.5e-3 + 3.05e-3 + 0.05;
  // ADS1115 at +-2.048 V: 62.5 uV per LSB x 800 A/V = 0.05 A per LSB, noise 62.5 uV rms
  // (0.05 A); five sigma, half an LSB, half the frame's 0.1 A.
  private static final double DRIVE_A_TOL = 5 * 0.05 + 0.025 + 0.05;
  // ADS1115 at +-4.096 V: 125 uV per LSB x 250 = 31 mV per LSB, noise 62.5 uV x 250 = 16 mV rms;
  // five sigma, half an LSB, half the frame's 0.1 V.
  private static final double DC_LINK_TOL = 5 * 0.0156 + 0.0156 + 0.05;
  // MAX31865 with a 430 ohm reference: 0.013 ohm per LSB, about 0.034 C on a PT100, noise
  // 0.01 C rms; five sigma, half an LSB, half the frame's 0.1 C.
  private static final double RTD_TOL = 5 * 0.01 + 0.017 + 0.05;

  @Test
  void frameCarriesEveryCellAndEveryDriveWithinResolution() {
    try (GroundTruthRig rig = new GroundTruthRig(Scenarios.builtIn("shunting-day"), "")) {
      DevicesConfig devices = rig.devices;
      BmsRegisterMap profile = devices.pack().bms().profile();
      Deque<LocomotiveState> recent = new ArrayDeque<>();
      Cycle chosen = null;
      // ten minutes in, the first cycle with the locomotive moving under load on every drive
      for (int i = 0; i < 3600 && chosen == null; i++) {
        Cycle c = rig.cycle(1.0);
        recent.addFirst(c.truth());
        if (recent.size() > 3) {
          recent.removeLast();
        }
        LocomotiveState s = c.truth();
        if (s.timeS() >= 600 && s.speedKmh() > 5 && s.packCurrentA() > 100
            && s.drives().stream().allMatch(d -> d.dcCurrentA() > 10) && allGood(c.snapshot())) {
          chosen = c;
        }
      }
      assertNotNull(chosen, "the shunting day's first hour has a cycle under load with every cell voltage and temperature read and good");
      LocomotiveState now = chosen.truth();

      HeaderFields header = new HeaderFields("GT-1", 1, 1, chosen.snapshot().utc(), chosen.snapshot().clock());
      byte[] bytes = TelemetryFrameEncoder.encode(header, List.of(chosen.snapshot()), chosen.estimates()).toByteArray();
      DecodedFrame frame = TelemetryFrameDecoder.decode(bytes);

      // every cell: the BMS reports whole counts of its profile's scale (1 mV), which the frame
      // carries exactly (it counts millivolts), so each cell is within half a count of the truth
      assertEquals(0.001, profile.cellVoltageScaleV(), 1e-12, "the frame's mV matches the built-in profile");
      int cells = now.cellVoltagesV().length;
      assertEquals(216, cells);
      assertEquals(cells, frame.cellVoltagesV().length, "cells in the frame");
      double cellTol = profile.cellVoltageScaleV() / 2 + 1e-9;
      LocomotiveState cellTruth = explaining(recent, frame.cellVoltagesV(), LocomotiveState::cellVoltagesV, cellTol);
      // the BMS reports whole tenths of a degree, which the frame carries in tenths
      int sensors = now.cellTemperaturesC().length;
      assertEquals(sensors, frame.cellTemperaturesC().length, "temperature sensors in the frame");
      double tempTol = profile.cellTemperatureScaleC() / 2 + 1e-9;
      LocomotiveState tempTruth = explaining(recent, frame.cellTemperaturesC(), LocomotiveState::cellTemperaturesC, tempTol);

      // pack shunt, from this very cycle
      assertEquals(now.packVoltageV(), frame.lastPackVoltageV(), PACK_V_TOL, "pack voltage");
      assertEquals(now.packCurrentA(), frame.lastPackCurrentA(), PACK_A_TOL, "pack current");

      // every drive
      assertEquals(now.drives().size(), frame.drives().size(), "drives in the frame");
      int ppr = devices.drives().get(0).speedPulsesPerRev();
      // speed from edge counts over the 1 s between cycles: one edge is 60 / (2 x ppr) rpm, the
      // count can be one edge off either way; plus the frame's whole rpm
      double rpmTol = 60.0 / (2 * ppr) + 0.5;
      DevicesConfig.Ntc ntc = devices.ntc();
      for (DecodedFrame.Drive d : frame.drives()) {
        DriveState truth = now.drives().get(d.index());
        String which = "drive " + d.index();
        assertEquals(truth.dcCurrentA(), d.currentA()[d.currentA().length - 1], DRIVE_A_TOL, which + " current");
        assertEquals(truth.motorRpm(), d.speedRpm()[d.speedRpm().length - 1], rpmTol, which + " rpm");
        assertEquals(truth.dcLinkV(), d.dcLinkV(), DC_LINK_TOL, which + " DC link");
        assertEquals(truth.windingC(), d.windingC(), RTD_TOL, which + " winding");
        assertEquals(truth.bearingC(), d.bearingC(), RTD_TOL, which + " bearing");
        assertEquals(truth.inverterC(), d.inverterC(), RTD_TOL, which + " inverter");
        assertEquals(truth.coolantC(), d.coolantC(), ntcTolerance(truth.coolantC(), ntc), which + " coolant");
      }
      System.out.printf("Every cell: frame of %d bytes at t=%.0f s, %.1f km/h, %.0f A; %d cells matched the state "
          + "of t=%.0f s, %d sensors that of t=%.0f s; %d drives%n", bytes.length, now.timeS(), now.speedKmh(),
          now.packCurrentA(), cells, cellTruth.timeS(), sensors, tempTruth.timeS(), frame.drives().size());
    }
  }

  private static boolean allGood(Snapshot s) {
    for (int f : s.pack().cellVoltageFlags()) {
      if (f != 0) {
        return false;
      }
    }
    for (int f : s.pack().cellTemperatureFlags()) {
      if (f != 0) {
        return false;
      }
    }
    return s.drives().stream().allMatch(EveryCellFrameTest::driveGood);
  }

  private static boolean driveGood(DriveReadings d) {
    return d.currentA().isGood() && d.speedRpm().isGood() && d.dcLinkV().isGood() && d.windingC().isGood()
        && d.bearingC().isGood() && d.inverterC().isGood() && d.coolantC().isGood();
  }

  /** The one recent true state whose every value is within {@code tol} of the frame's; fails if none. */
  private static LocomotiveState explaining(Deque<LocomotiveState> recent, double[] framed,
      java.util.function.Function<LocomotiveState, double[]> values, double tol) {
    List<String> misses = new ArrayList<>();
    for (LocomotiveState s : recent) {
      double[] truth = values.apply(s);
      int worst = -1;
      double worstError = 0;
      for (int i = 0; i < truth.length; i++) {
        double e = Math.abs(framed[i] - truth[i]);
        if (!(e <= worstError)) {
          worstError = e;
          worst = i;
        }
      }
      if (worstError <= tol) {
        return s;
      }
      misses.add("t=" + s.timeS() + ": index " + worst + " off by " + worstError);
    }
    throw new AssertionError("no recent true state explains the frame within " + tol + ": " + misses);
  }

  /**
   * The coolant NTC (beta model) on the ADS1115 at +-4.096 V: 125 uV per LSB, 62.5 uV rms of
   * noise; five sigma plus half an LSB, in degrees through the divider's slope at that
   * temperature, plus half the frame's 0.1 C.
   */
  private static double ntcTolerance(double celsius, DevicesConfig.Ntc ntc) {
    double kelvin = celsius + 273.15;
    double ohm = ntc.r25Ohm() * Math.exp(ntc.beta() * (1 / kelvin - 1 / 298.15));
    double dOhmPerK = -ohm * ntc.beta() / (kelvin * kelvin);
    double dVoltsPerK = ntc.supplyV() * ntc.pullUpOhm() / Math.pow(ohm + ntc.pullUpOhm(), 2) * dOhmPerK;
    return (5 * 62.5e-6 + 62.5e-6) / Math.abs(dVoltsPerK) + 0.05;
  }
}
