package io.locolink.gateway.trips;

import static io.locolink.gateway.trips.TripDetector.Transition.END;
import static io.locolink.gateway.trips.TripDetector.Transition.NONE;
import static io.locolink.gateway.trips.TripDetector.Transition.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TripDetectorTest {

  private static final long S = 1_000_000_000L;
  private final TripDetector detector = new TripDetector(Duration.ofMinutes(30), Duration.ofMinutes(2), 0.5);

  @Test
  void keyOnStartsAndKeyOffWhileStandingEndsAfterTheGrace() {
    assertEquals(NONE, detector.update(0, false, 0));
    assertEquals(START, detector.update(1 * S, true, 0));
    assertEquals(NONE, detector.update(100 * S, true, 30));
    assertEquals(NONE, detector.update(200 * S, false, 0));
    assertEquals(NONE, detector.update(319 * S, false, 0));
    assertEquals(END, detector.update(320 * S, false, 0));
    assertEquals(NONE, detector.update(400 * S, false, 0));
  }

  @Test
  void keyFlickerShorterThanTheGraceKeepsTheTrip() {
    detector.update(0, true, 0);
    assertEquals(NONE, detector.update(10 * S, false, 0));
    assertEquals(NONE, detector.update(60 * S, true, 0));
    assertEquals(NONE, detector.update(1000 * S, true, 0));
  }

  @Test
  void standingStillForTheIdleGapEndsEvenWithTheKeyOnAndOnlyMotionRestarts() {
    assertEquals(START, detector.update(0, true, 0));
    assertEquals(NONE, detector.update(10 * S, true, 12));
    assertEquals(NONE, detector.update((10 + 1799) * S, true, 0));
    assertEquals(END, detector.update((10 + 1800) * S, true, 0));
    assertEquals(NONE, detector.update(4000 * S, true, 0.2));
    assertEquals(START, detector.update(4001 * S, true, 0.5));
  }

  @Test
  void motionWithoutTheKeyStartsATrip() {
    assertEquals(NONE, detector.update(0, false, 0));
    assertEquals(START, detector.update(S, false, 5));
    assertEquals(NONE, detector.update(100 * S, false, 5));
    assertEquals(END, detector.update(220 * S, false, 0));
  }
}
