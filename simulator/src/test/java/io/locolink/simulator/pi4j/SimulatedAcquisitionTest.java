package io.locolink.simulator.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Contactor;
import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.QualityFlag;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.simulator.faults.FaultInjector;
import org.junit.jupiter.api.Test;

/** The whole chain: emulated chips behind Pi4J and serial, read by the gateway's drivers. */
class SimulatedAcquisitionTest {

  /** Reads a 216-cell pack and four drives; every value matches the state within the chip's resolution. */
  @Test
  void readsEveryCellAndDriveWithinResolution() {
    DevicesConfig config = DevicesConfig.defaults();
    TestLocomotive loco = new TestLocomotive(216, 4);
    try (SimulatedPlatform platform = new SimulatedPlatform(config, loco, FaultInjector.none(), 7);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, platform.simulatedUtc(),
            platform.simulatedNanos())) {
      loco.advance(0.1);
      Snapshot first = acquisition.acquire();
      // the MAX31865s were just switched on: no conversion yet, so no value and no error either
      assertTrue(Double.isNaN(first.drives().get(0).windingC().value()));
      assertEquals(QualityFlag.STALE.bit(), first.drives().get(0).windingC().flags());
      Snapshot snapshot = null;
      for (int i = 1; i < 30; i++) {
        loco.advance(0.1);
        snapshot = acquisition.acquire();
      }
      double packV = loco.get().packVoltageV();
      // INA228: VBUS LSB 195.3125 uV x divider 10 = 1.95 mV; a few LSB of noise
      assertEquals(packV, snapshot.pack().voltageV().value(), 0.02);
      // CURRENT_LSB = 3200 A / 2^19 = 6.1 mA
      assertEquals(850.0, snapshot.pack().currentA().value(), 0.05);
      assertTrue(snapshot.pack().voltageV().isGood() && snapshot.pack().currentA().isGood());
      assertEquals(216, snapshot.pack().cellCount());
      for (int i = 0; i < 216; i++) {
        assertEquals(TestLocomotive.cellV(i), snapshot.pack().cellVoltagesV()[i], 0.0005 + 1e-9, "cell " + i);
        assertEquals(0, snapshot.pack().cellVoltageFlags()[i], "cell flags " + i);
        assertEquals(TestLocomotive.cellC(i), snapshot.pack().cellTemperaturesC()[i], 0.05 + 1e-9, "temp " + i);
        assertEquals(0, snapshot.pack().cellTemperatureFlags()[i]);
      }
      assertTrue(snapshot.pack().balancing()[3] && snapshot.pack().balancing()[200] && !snapshot.pack().balancing()[4]);
      assertEquals(62.0, snapshot.pack().bmsSocPercent().value(), 0.05);
      assertEquals(97.0, snapshot.pack().bmsSohPercent().value(), 0.05);
      assertEquals(4200, snapshot.pack().insulationKohm().value(), 0.5);
      assertEquals(Contactor.CLOSED, snapshot.pack().contactor());
      assertEquals(4, snapshot.drives().size());
      for (DriveReadings d : snapshot.drives()) {
        var truth = TestLocomotive.drive(d.index(), packV);
        // ADS1115 +-2.048 V: 62.5 uV x 800 A/V = 0.05 A per LSB
        assertEquals(truth.dcCurrentA(), d.currentA().value(), 0.3, "current " + d.index());
        // +-4.096 V: 125 uV x 250 = 31 mV per LSB
        assertEquals(truth.dcLinkV(), d.dcLinkV().value(), 0.2, "dc link " + d.index());
        // 8 pulses per revolution, 1 s window: one edge is 3.75 rpm
        assertEquals(truth.motorRpm(), d.speedRpm().value(), 4.0, "rpm " + d.index());
        // MAX31865 with 430 ohm: 0.013 ohm per LSB, about 0.03 degC
        assertEquals(truth.windingC(), d.windingC().value(), 0.1, () -> "winding " + d.index() + acquisition.health());
        assertEquals(truth.bearingC(), d.bearingC().value(), 0.1);
        assertEquals(truth.inverterC(), d.inverterC().value(), 0.1);
        assertEquals(truth.coolantC(), d.coolantC().value(), 0.1, "coolant " + d.index());
        assertTrue(d.currentA().isGood() && d.speedRpm().isGood() && d.windingC().isGood() && d.coolantC().isGood());
      }
      // 120 edges per revolution of a 1.05 m wheel: 2.75 cm per edge
      assertEquals(36.0, snapshot.motion().wheelSpeedKmh().value(), 0.2);
      assertEquals(30.0, snapshot.motion().odometerM(), 0.1);
      assertTrue(snapshot.motion().keyOn());
      assertTrue(snapshot.motion().fix().isPresent());
      assertEquals(51.1694, snapshot.motion().fix().get().latitudeDeg(), 1e-5);
      assertEquals(71.4491, snapshot.motion().fix().get().longitudeDeg(), 1e-5);
      assertEquals(36.0, snapshot.motion().fix().get().speedKmh(), 0.02);
      assertEquals(ClockQuality.SYNCED, snapshot.clock());
      // INA228 accumulators, read once a second from the first cycle (0.1 s, 1.1 s, 2.1 s): 850 A
      // for the 2.0 s since the chip was first addressed at 0.1 s; pack volts x 850 A for the energy
      var counters = acquisition.shuntCounters().orElseThrow();
      assertEquals(2_100_000_000L, counters.monotonicNanos());
      assertEquals(850.0 * 2.0, counters.chargeC(), 850.0 * 2.0 * 0.01);
      assertEquals(packV * 850.0 * 2.0, counters.energyJ(), packV * 850.0 * 2.0 * 0.01);
      assertEquals(-5 + 12, counters.dieTemperatureC(), 0.5);
      assertTrue(acquisition.health().stream().allMatch(h -> h.online() && h.errorCount() == 0),
          () -> acquisition.health().toString());
    }
  }
}
