package io.locolink.simulator.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated clock a restarted gateway continues: saved time plus the time down, times the speed. */
class SimulatedClockFileTest {

  private static final Instant WALL = Instant.parse("2026-12-02T20:00:00Z");

  @Test
  void aRestartContinuesTheSimulatedTimeAndTheWorldWentOnAtTheSpeedWhileDown(@TempDir Path dir) {
    new SimulatedClockFile(dir, InstantSource.fixed(WALL)).save(Instant.parse("2026-12-03T01:00:00Z"));
    // 7 s later on the wall at 20x: 140 simulated seconds went by
    Instant resumed = new SimulatedClockFile(dir, InstantSource.fixed(WALL.plusSeconds(7))).resumeAt(20);
    assertEquals(Instant.parse("2026-12-03T01:02:20Z"), resumed);
  }

  @Test
  void aFirstRunAndAnUnreadableFileStartFromTheWallClock(@TempDir Path dir) throws Exception {
    SimulatedClockFile clock = new SimulatedClockFile(dir, InstantSource.fixed(WALL));
    assertEquals(WALL, clock.resumeAt(50), "nothing saved yet");
    Files.writeString(dir.resolve(SimulatedClockFile.NAME), "not a time\n");
    assertEquals(WALL, clock.resumeAt(50), "a damaged file does not stop the start");
  }

  @Test
  void savesComeAtMostOnceEveryFiveWallMinutes(@TempDir Path dir) throws Exception {
    SimulatedClockFile clock = new SimulatedClockFile(dir, InstantSource.fixed(WALL));
    clock.saveThrottled(Instant.parse("2026-12-03T01:00:00Z"), 0);
    clock.saveThrottled(Instant.parse("2026-12-03T01:04:59Z"), 299_999_999_999L);
    assertEquals(Instant.parse("2026-12-03T01:00:00Z"), clock.resumeAt(1), "the second save came too soon");
    clock.saveThrottled(Instant.parse("2026-12-03T01:05:00Z"), 300_000_000_000L);
    assertEquals(Instant.parse("2026-12-03T01:05:00Z"), clock.resumeAt(1));
  }
}
