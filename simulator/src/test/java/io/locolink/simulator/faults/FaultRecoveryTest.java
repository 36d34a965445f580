package io.locolink.simulator.faults;

import static io.locolink.gateway.acquisition.QualityFlag.BUS_ERROR;
import static io.locolink.gateway.acquisition.QualityFlag.CHECKSUM;
import static io.locolink.gateway.acquisition.QualityFlag.DEVICE_OFFLINE;
import static io.locolink.gateway.acquisition.QualityFlag.OUT_OF_RANGE;
import static io.locolink.gateway.acquisition.QualityFlag.RATE_OF_CHANGE;
import static io.locolink.gateway.acquisition.QualityFlag.SENSOR_INVALID;
import static io.locolink.gateway.acquisition.QualityFlag.STALE;
import static io.locolink.gateway.acquisition.QualityFlag.STUCK;
import static io.locolink.gateway.acquisition.QualityFlag.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.simulator.pi4j.TestLocomotive;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each fault: the gateway flags it, keeps reading everything else, and recovers when it clears. */
class FaultRecoveryTest {

  @Test
  void nackBurstOnTheShunt() {
    try (Rig rig = new Rig("nack:pack-shunt@2s+3s")) {
      double packV = rig.runUntil(1.9).pack().voltageV().value();
      Snapshot during = rig.runUntil(2.5);
      assertTrue(BUS_ERROR.in(during.pack().voltageV().flags()) && STALE.in(during.pack().voltageV().flags()));
      assertEquals(packV, during.pack().voltageV().value(), 0.05, "the last good value, not zero");
      assertTrue(during.pack().cellVoltageFlags()[0] == 0, "the BMS keeps being read");
      Snapshot offline = rig.runUntil(4.5);
      assertTrue(DEVICE_OFFLINE.in(offline.pack().currentA().flags()));
      assertFalse(rig.health("pack-shunt").online());
      assertTrue(rig.health("pack-shunt").lastError().orElseThrow().contains("no ACK"), () -> rig.health("pack-shunt").toString());
      Snapshot after = rig.runUntil(10);
      assertTrue(after.pack().voltageV().isGood() && after.pack().currentA().isGood());
      assertTrue(rig.health("pack-shunt").online());
    }
  }

  @Test
  void stuckCurrentIsFlaggedAndClears() {
    try (Rig rig = new Rig("stuck:pack-shunt.current@2s+70s")) {
      assertTrue(rig.runUntil(1.9).pack().currentA().isGood());
      assertTrue(rig.runUntil(50).pack().currentA().isGood(), "not yet: a minute of identical readings");
      assertTrue(STUCK.in(rig.runUntil(63).pack().currentA().flags()));
      assertTrue(rig.runUntil(73).pack().currentA().isGood());
    }
  }

  @Test
  void noisyVoltageTripsTheRateCheck() {
    try (Rig rig = new Rig("noisy:pack-shunt.voltage=100@2s+3s")) {
      rig.runUntil(2);
      boolean flagged = false;
      while (rig.loco.timeS < 5 - 1e-9) {
        flagged |= RATE_OF_CHANGE.in(rig.runUntil(rig.loco.timeS + 0.1).pack().voltageV().flags());
      }
      assertTrue(flagged);
      rig.runUntil(6);
      for (int i = 0; i < 20; i++) {
        assertTrue(rig.runUntil(rig.loco.timeS + 0.1).pack().voltageV().isGood());
      }
    }
  }

  @Test
  void bmsCrcErrorsKeepTheLastCellsFlagged() {
    try (Rig rig = new Rig("bms-crc@2s+3s")) {
      rig.runUntil(1.9);
      Snapshot during = rig.runUntil(3.5);
      assertTrue(CHECKSUM.in(during.pack().cellVoltageFlags()[100]) && STALE.in(during.pack().cellVoltageFlags()[100]));
      assertEquals(TestLocomotive.cellV(100), during.pack().cellVoltagesV()[100], 0.0006);
      assertTrue(CHECKSUM.in(during.pack().bmsSocPercent().flags()));
      assertTrue(during.pack().currentA().isGood());
      Snapshot after = rig.runUntil(9);
      assertTrue(Arrays.stream(after.pack().cellVoltageFlags()).allMatch(f -> f == 0));
    }
  }

  @Test
  void bmsSilenceGoesOfflineAndComesBack() {
    try (Rig rig = new Rig("bms-silence@2s+10s")) {
      rig.runUntil(1.9);
      assertTrue(TIMEOUT.in(rig.runUntil(2.5).pack().cellVoltageFlags()[0]));
      Snapshot offline = rig.runUntil(8);
      assertTrue(DEVICE_OFFLINE.in(offline.pack().cellVoltageFlags()[0]));
      assertTrue(offline.pack().currentA().isGood() && offline.drives().get(3).currentA().isGood());
      // insulation falls back to the insulation monitor on the pack ADC: 4200 kOhm, clipped at 3.3 V x 2500
      assertTrue(offline.pack().insulationKohm().isGood());
      assertFalse(rig.health("bms").online());
      Snapshot back = rig.runUntil(30);
      assertTrue(Arrays.stream(back.pack().cellVoltageFlags()).allMatch(f -> f == 0));
      assertTrue(rig.health("bms").online());
    }
  }

  @Test
  void gnssLossKeepsTheLastFixAndIsReported() {
    try (Rig rig = new Rig("gnss-loss@3s+10s")) {
      rig.runUntil(2.9);
      Snapshot during = rig.runUntil(8);
      assertTrue(during.motion().fix().orElseThrow().monotonicNanos() <= 3_000_000_000L);
      assertTrue(rig.health("gnss").lastError().orElseThrow().contains("no valid GNSS fix"));
      assertTrue(during.motion().wheelSpeedKmh().isGood());
      Snapshot after = rig.runUntil(15);
      assertTrue(after.motion().fix().orElseThrow().monotonicNanos() >= 14_000_000_000L);
    }
  }

  @Test
  void gnssJumpIsRejected() {
    try (Rig rig = new Rig("gnss-jump=5000@3s+3s")) {
      rig.runUntil(2.9);
      rig.runUntil(4.5);
      assertTrue(rig.health("gnss").lastError().orElseThrow().contains("jump"));
      Snapshot during = rig.runUntil(5.5);
      assertEquals(51.1694, during.motion().fix().orElseThrow().latitudeDeg(), 1e-4);
      assertTrue(during.motion().fix().orElseThrow().monotonicNanos() < 3_000_000_000L);
      Snapshot after = rig.runUntil(8);
      assertTrue(after.motion().fix().orElseThrow().monotonicNanos() >= 7_000_000_000L);
      assertEquals(51.1694, after.motion().fix().orElseThrow().latitudeDeg(), 1e-4);
    }
  }

  @Test
  void driftingCellIsFlaggedAgainstTheOthers() {
    try (Rig rig = new Rig("cell-drift:17=0.1@2s+6s")) {
      rig.runUntil(1.9);
      Snapshot during = rig.runUntil(7);
      assertTrue(OUT_OF_RANGE.in(during.pack().cellVoltageFlags()[17]));
      assertEquals(0, during.pack().cellVoltageFlags()[16]);
      assertEquals(0, during.pack().cellVoltageFlags()[18]);
      assertEquals(0, rig.runUntil(10).pack().cellVoltageFlags()[17]);
    }
  }

  @Test
  void deadWindingSensorIsInvalidButTheChipStaysOnline() {
    try (Rig rig = new Rig("dead-sensor:drive0-winding@2s+3s")) {
      rig.runUntil(1.9);
      Snapshot during = rig.runUntil(3.5);
      assertTrue(SENSOR_INVALID.in(during.drives().get(0).windingC().flags()));
      assertEquals(95.0, during.drives().get(0).windingC().value(), 0.1);
      assertTrue(during.drives().get(0).bearingC().isGood());
      assertTrue(rig.health("drive0-winding").online());
      assertTrue(rig.runUntil(8).drives().get(0).windingC().isGood());
    }
  }

  @Test
  void deadCellTemperatureSensorIsInvalid() {
    try (Rig rig = new Rig("dead-sensor:bms.temp[5]@2s+3s")) {
      rig.runUntil(1.9);
      Snapshot during = rig.runUntil(3.5);
      assertTrue(SENSOR_INVALID.in(during.pack().cellTemperatureFlags()[5]));
      assertEquals(0, during.pack().cellTemperatureFlags()[4]);
      assertEquals(0, rig.runUntil(7).pack().cellTemperatureFlags()[5]);
    }
  }

  @Test
  void clockIsUnsyncedUntilTheFirstGoodFix() {
    try (Rig rig = new Rig("gnss-loss@0s+5s")) {
      Snapshot before = rig.runUntil(4.5);
      assertEquals(ClockQuality.UNSYNCED, before.clock());
      assertTrue(before.motion().fix().isEmpty());
      Snapshot after = rig.runUntil(6);
      assertEquals(ClockQuality.SYNCED, after.clock());
      assertTrue(after.motion().fix().isPresent());
    }
  }
}
