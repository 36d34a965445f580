package io.locolink.gateway.trips;

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
 * most the last interval, whatever the block size; with the journal's rule, whole pages a group or
 * a bound at a time while the ground has the records and every interval during an outage. With the power-cut test of the
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
   * (the first 700 s) the log's bytes wait in memory until a group of {@link
   * TripLogWriter#HOLD_GROUP_BYTES} is held or the oldest have waited {@link
   * TripLogWriter#HOLD_AT_MOST}, so at most that bound and two flush intervals of frames (one
   * before the flush, one before the check that finds them due) are missing from the file, and more
   * than a page's worth at times (about half a minute of frames, what the page-at-a-time rule held);
   * the file grows a group or a bound at a time. Once the ground is behind (an outage from 700 s on)
   * every flush writes everything, so again at most one interval's frames wait in memory.
   */
  @Test
  void heldInGroupsWhileTheGroundHasTheRecordsEveryFlushDuringAnOutage() throws Exception {
    TripsConfig cfg = TripsConfig.defaults().withDirectory(dir);
    long intervalS = cfg.flushInterval().toSeconds();
    long boundS = TripLogWriter.HOLD_AT_MOST.toSeconds();
    int outageFrom = 700;
    boolean[] groundBehind = {false};
    Random noise = new Random(3);
    int fed = 0;
    long mostHeld = 0;
    long lastSize = 0;
    int growths = 0;
    int checkedInOutage = 0;
    try (TripRecorder recorder = TripRecorder.open(cfg, TripRecorderTest.HEADERS)) {
      recorder.syncOnlyWhen(() -> groundBehind[0]);
      for (int t = 0; t < 800; t++) {
        groundBehind[0] = t >= outageFrom;
        boolean running = recorder.currentTrip().isPresent();
        feed(recorder, t, noise);
        if (!running || recorder.currentTrip().isEmpty()) {
          continue;
        }
        fed++;
        Path open = recorder.store().openPath(recorder.currentTrip().get());
        long onDisk = framesOnDisk(open);
        if (t < outageFrom) {
          assertTrue(fed - onDisk <= boundS + 2 * intervalS, "at " + t + " s: " + fed + " frames logged, "
              + onDisk + " on disk");
          mostHeld = Math.max(mostHeld, fed - onDisk);
          long size = Files.size(open);
          if (size > lastSize) {
            growths++;
            lastSize = size;
          }
        } else if (t >= outageFrom + intervalS) {
          assertTrue(fed - onDisk <= intervalS, "at " + t + " s: " + fed + " frames logged, " + onDisk
              + " on disk");
          checkedInOutage++;
        }
      }
    }
    assertTrue(mostHeld > 60, "more than a page's worth of frames was held: at most " + mostHeld);
    long groupsAtMost = lastSize / (TripLogWriter.HOLD_GROUP_BYTES - TripLogWriter.PAGE_BYTES)
        + outageFrom / boundS + 1;
    assertTrue(growths >= 1 && growths <= groupsAtMost, "the log grew " + growths + " times to " + lastSize
        + " bytes before the outage, at most " + groupsAtMost);
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
