package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.TripsConfig;
import io.locolink.testing.SyntheticTrip;
import io.locolink.testing.SyntheticTrip.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trip recorder's sync policy: a block (with its checkpoint) is written and synced every
 * {@code trips.flushIntervalS}, so at any moment the records not yet on the device are those of at
 * most the last interval, whatever the block size; with the journal's rule, only whole pages while
 * the ground has the records and every interval during an outage. With the power-cut test of the
 * writer this bounds what a crash can take from a trip log.
 */
class TripLogLossWindowTest {

  @TempDir Path dir;

  @Test
  void atMostOneFlushIntervalOfFramesWaitsInMemory() {
    TripsConfig cfg = TripsConfig.defaults().withDirectory(dir);
    long intervalS = cfg.flushInterval().toSeconds();
    Random noise = new Random(3);
    int fed = 0;
    int checked = 0;
    try (TripRecorder recorder = TripRecorder.open(cfg, TripRecorderTest.HEADERS)) {
      for (int t = 0; t < 400; t++) {
        boolean running = recorder.currentTrip().isPresent();
        feed(recorder, t, noise);
        if (!running || recorder.currentTrip().isEmpty()) {
          continue;  // a cycle's frame is logged only in a trip that was already running
        }
        fed++;
        long onDisk = framesOnDisk(recorder.store().openPath(recorder.currentTrip().get()));
        // one frame a second: at most one interval's frames are still in memory
        assertTrue(fed - onDisk <= intervalS, "at " + t + " s: " + fed + " frames logged, " + onDisk
            + " on disk");
        checked++;
      }
    }
    assertTrue(checked > 300, "the trip ran long enough: " + checked + " s");
  }

  /**
   * With the journal's rule ({@link TripRecorder#syncOnlyWhen}): while the ground has the records
   * only whole pages of the log are on disk, each written once (the rest waits in memory, less
   * than a page); once the ground is behind (an outage from 300 s on) every flush writes
   * everything, so again at most one interval's frames wait in memory.
   */
  @Test
  void wholePagesWhileTheGroundHasTheRecordsEveryFlushDuringAnOutage() throws Exception {
    TripsConfig cfg = TripsConfig.defaults().withDirectory(dir);
    long intervalS = cfg.flushInterval().toSeconds();
    boolean[] groundBehind = {false};
    Random noise = new Random(3);
    int fed = 0;
    long largestWhole = 0;
    int checkedInOutage = 0;
    try (TripRecorder recorder = TripRecorder.open(cfg, TripRecorderTest.HEADERS)) {
      recorder.syncOnlyWhen(() -> groundBehind[0]);
      for (int t = 0; t < 400; t++) {
        groundBehind[0] = t >= 300;
        boolean running = recorder.currentTrip().isPresent();
        feed(recorder, t, noise);
        if (!running || recorder.currentTrip().isEmpty()) {
          continue;
        }
        fed++;
        Path open = recorder.store().openPath(recorder.currentTrip().get());
        long size = Files.size(open);
        if (t < 300) {
          assertEquals(0, size % TripLogWriter.PAGE_BYTES, "at " + t + " s: " + size + " bytes on disk");
          largestWhole = size;
        } else if (t >= 300 + intervalS) {
          long onDisk = framesOnDisk(open);
          assertTrue(fed - onDisk <= intervalS, "at " + t + " s: " + fed + " frames logged, " + onDisk
              + " on disk");
          checkedInOutage++;
        }
      }
    }
    assertTrue(largestWhole >= 2L * TripLogWriter.PAGE_BYTES, "pages were written before the outage: " + largestWhole);
    assertTrue(checkedInOutage > 80, "the outage ran long enough: " + checkedInOutage + " s");
  }

  /** One second of the synthetic trip: its snapshot, estimates and frame as one cycle. */
  private static void feed(TripRecorder recorder, int t, Random noise) {
    State s = TripRecorderTest.stateAt(t);
    double odo = 1000 + 10.0 * Math.min(t, 720);
    recorder.onCycle(SyntheticTrip.cycle(SyntheticTrip.snapshot(t * TripRecorderTest.S,
        TripRecorderTest.T0.plusSeconds(t), s, odo, 10), SyntheticTrip.estimates(s),
        SyntheticTrip.frame(t, TripRecorderTest.T0.plusSeconds(t), s, odo, noise), List.of(), List.of()));
  }

  /** Frames readable from the log file as it is on disk now. */
  private static long framesOnDisk(Path log) {
    long[] frames = new long[1];
    TripLogReader.read(log, p -> {
      if (TestTrips.parse(p).hasFrame()) {
        frames[0]++;
      }
    });
    return frames[0];
  }
}
