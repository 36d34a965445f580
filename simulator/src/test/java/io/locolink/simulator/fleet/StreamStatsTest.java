package io.locolink.simulator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Gap, duplicate and latency counting on the ground. */
class StreamStatsTest {

  @Test
  void reorderedFramesAreNotGapsButMissingOnesAre() {
    StreamStats s = new StreamStats();
    s.record("a", 1, 10);
    s.record("a", 3, 10);
    s.record("a", 2, 10);
    s.record("a", 5, 10);
    s.record("a", 5, 10);
    s.record("b", 2, 30);
    StreamReport r = s.report();
    assertEquals(2, r.senders());
    assertEquals(6, r.frames());
    // a: 4 never arrived; b: 1 never arrived
    assertEquals(2, r.gaps());
    assertEquals(1, r.duplicates());
  }

  @Test
  void percentilesComeFromTheRecordedLatencies() {
    StreamStats s = new StreamStats();
    for (int i = 1; i <= 100; i++) {
      s.record("a", i, i);
    }
    StreamReport r = s.report();
    assertEquals(50, r.p50Ms());
    assertEquals(99, r.p99Ms());
    assertEquals(100, r.maxMs());
  }
}
