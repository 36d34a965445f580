package io.locolink.simulator.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.Contactor;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The direct source hands the gateway the simulated state in the snapshot's units. */
class StateSnapshotSourceTest {

  @Test
  void snapshotCarriesTheStateInTheGatewaysUnits() {
    try (ScenarioRunner runner = ScenarioRunner.create(Scenarios.builtIn("shunting-day"), 3)) {
      LocomotiveState s = runner.advance(600);
      Instant wall = Instant.parse("2026-11-25T08:00:00Z");
      Snapshot snap = new StateSnapshotSource(() -> s, InstantSource.fixed(wall)).acquire();

      assertEquals(wall, snap.utc(), "UTC from the gateway's clock");
      assertEquals(600_000_000_000L, snap.monotonicNanos(), 1_000_000, "monotonic from the simulated 600 s");
      assertEquals(s.socTrue() * 100, snap.pack().bmsSocPercent().value(), 1e-9, "fraction to percent");
      assertEquals(s.insulationOhm() / 1000, snap.pack().insulationKohm().value(), 1e-9, "ohm to kilo-ohm");
      assertArrayEquals(s.cellVoltagesV(), snap.pack().cellVoltagesV());
      assertEquals(216, snap.pack().cellCount());
      assertEquals(s.contactorClosed() ? Contactor.CLOSED : Contactor.OPEN, snap.pack().contactor());
      assertEquals(s.drives().size(), snap.drives().size());
      assertEquals(s.drives().get(2).motorRpm(), snap.drives().get(2).speedRpm().value(), 1e-9);
      assertTrue(snap.genset().isPresent(), "the hybrid's genset");
      assertEquals(s.latitudeDeg(), snap.motion().fix().orElseThrow().latitudeDeg(), 1e-12);
      assertTrue(snap.pack().currentA().isGood() && snap.pack().voltageV().isGood(), "exact readings are good");
    }
  }
}
