package io.locolink.simulator.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak in short: an hour simulated at 100x (two fault cycles of 30 minutes: BMS silence,
 * GNSS loss, a forward clock step and two broker outages each) through the real gateway and a real
 * Mosquitto. Nothing is lost, every energy period arrives once, and the journal and the trip store
 * stay within their limits. The week, with its heap figures, is {@code SoakBenchmark}.
 */
class SoakTest {

  @Test
  void aSimulatedHourOfFaultsLosesNothing(@TempDir Path dir) throws Exception {
    SoakRun.Result r = new SoakRun(dir, Duration.ofMinutes(60), 100, Duration.ofMinutes(30), Duration.ofMinutes(20),
        System.out::println).run();
    assertEquals(4, r.brokerOutages(), "two outages per cycle");
    assertTrue(r.lastSequenceAppended() > 0, "the gateway said how far it appended");
    assertEquals(0, r.missingSequences(), "every message appended arrived (" + r.received() + " received)");
    assertEquals(List.of(), r.periodProblems(), "every energy period once");
    // an hour from 00:00: periods end 00:05 .. 01:00; the one in progress at the stop is kept for the next start
    assertTrue(r.periods() >= 11, "energy periods received: " + r.periods());
    assertTrue(r.clockSetPeriods() >= 2, "each cycle's clock step marks its period: " + r.clockSetPeriods());
    assertTrue(r.maxJournalBytes() <= SoakRun.JOURNAL_LIMIT_BYTES, "journal within its limit: " + r.maxJournalBytes());
    assertTrue(r.maxTripBytes() <= SoakRun.TRIP_LIMIT_BYTES, "trip store within its limit: " + r.maxTripBytes());
  }
}
