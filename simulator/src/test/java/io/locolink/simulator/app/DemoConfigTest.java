package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.simulator.scenario.Scenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's gateway configuration, read back through the gateway's own loader: the retained status
 * goes out every 2 wall seconds at any speed, counted in the simulated seconds of the gateway's clock.
 */
class DemoConfigTest {

  @Test
  void theStatusGoesOutEveryTwoWallSecondsAtAnySpeed(@TempDir Path dir) {
    var vehicle = Scenarios.builtIn("shunting-day").vehicleSpec();
    DemoConfig.Broker broker = DemoConfig.Broker.plain("tcp://127.0.0.1:1883");
    assertEquals(2, DemoConfig.forVehicle("KZ-DEMO-001", vehicle, dir, broker, 1).mqtt().statusIntervalS());
    // 50 simulated seconds a wall second: 2 wall seconds are 100 simulated ones.
    assertEquals(100, DemoConfig.forVehicle("KZ-DEMO-001", vehicle, dir, broker, 50).mqtt().statusIntervalS());
    assertEquals(200, DemoConfig.withDepot("KZ-DEMO-001", vehicle, dir, broker, 100, dir.resolve("psk"), 5684)
        .mqtt().statusIntervalS());
    assertEquals(3, DemoConfig.forVehicle("KZ-DEMO-001", vehicle, dir, broker, 1.5).mqtt().statusIntervalS());
  }
}
