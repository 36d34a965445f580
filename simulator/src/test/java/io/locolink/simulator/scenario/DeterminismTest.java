package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.locolink.simulator.physics.LocomotiveState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Same scenario and seed give the same states, whatever the pacing; another seed does not. */
class DeterminismTest {

  /** How long the paced run may take before the test gives up on it as stalled. */
  private static final Duration STALL_DEADLINE = Duration.ofSeconds(60);

  private static List<LocomotiveState> everyTenMinutes(Scenario scenario, long seed) {
    ScenarioRunner runner = ScenarioRunner.create(scenario, seed);
    List<LocomotiveState> states = new ArrayList<>();
    while (!runner.finished()) {
      states.add(runner.advance(600));
    }
    return states;
  }

  static void assertSameState(LocomotiveState a, LocomotiveState b) {
    assertEquals(a.timeS(), b.timeS());
    assertEquals(a.utc(), b.utc());
    assertEquals(a.speedKmh(), b.speedKmh());
    assertEquals(a.odometerM(), b.odometerM());
    assertEquals(a.latitudeDeg(), b.latitudeDeg());
    assertEquals(a.longitudeDeg(), b.longitudeDeg());
    assertEquals(a.packCurrentA(), b.packCurrentA());
    assertArrayEquals(a.cellVoltagesV(), b.cellVoltagesV());
    assertArrayEquals(a.cellTemperaturesC(), b.cellTemperaturesC());
    assertArrayEquals(a.balancing(), b.balancing());
    assertEquals(a.insulationOhm(), b.insulationOhm());
    assertEquals(a.drives(), b.drives());
    assertEquals(a.genset(), b.genset());
    assertEquals(a.batteryEnergyOutJ(), b.batteryEnergyOutJ());
  }

  @Test
  void sameSeedSameShuntingDay() {
    Scenario day = Scenarios.builtIn("shunting-day");
    List<LocomotiveState> first = everyTenMinutes(day, 42);
    List<LocomotiveState> second = everyTenMinutes(day, 42);
    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) {
      assertSameState(first.get(i), second.get(i));
    }
  }

  @Test
  void anotherSeedAnotherDay() {
    Scenario day = Scenarios.builtIn("shunting-day");
    LocomotiveState a = ScenarioRunner.create(day, 1).advance(3600);
    LocomotiveState b = ScenarioRunner.create(day, 2).advance(3600);
    assertNotEquals(a.odometerM(), b.odometerM());
    assertNotEquals(a.cellVoltagesV()[0], b.cellVoltagesV()[0]);
  }

  @Test
  void pacedByAClockTheRunIsTheSameAsFlatOut() throws Exception {
    Scenario day = Scenarios.builtIn("shunting-day");
    // a clock that jumps 10 s per reading, at 100x: 1,000 simulated seconds per reading
    AtomicLong millis = new AtomicLong(0);
    InstantSource clock = () -> Instant.ofEpochMilli(millis.addAndGet(10_000));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ScenarioRunner runner = ScenarioRunner.create(day, 9);
    LocomotiveState paced;
    try {
      runner.startRealTime(scheduler, clock, 100);
      // a stall guard, not a speed check: the run needs a few readings, well under a second
      long deadline = System.nanoTime() + STALL_DEADLINE.toNanos();
      while (runner.latest().timeS() < 3000) {
        if (System.nanoTime() - deadline > 0) {
          fail("paced runner stalled: simulated time " + runner.latest().timeS() + " s of 3000 s after "
              + STALL_DEADLINE.toSeconds() + " s of wall time");
        }
        Thread.sleep(5);
      }
    } finally {
      runner.close();
    }
    paced = runner.latest();
    try {
      assertTrue(paced.timeS() >= 3000);
    } finally {
      scheduler.shutdownNow();
      assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
    }
    LocomotiveState flatOut = ScenarioRunner.create(day, 9).advance(paced.timeS());
    assertSameState(paced, flatOut);
  }
}
