package io.locolink.gateway.trips;

import java.time.Duration;

/**
 * Decides when a trip starts and ends. A trip starts when the key switch turns on, or when the
 * locomotive moves (with or without the key: a towed locomotive or a faulty key input still makes a
 * trip). It ends when the key has been off and the locomotive stationary for the key-off grace, or
 * when it has stood still for the idle gap even with the key on. After an idle-gap end with the key
 * still on, only motion or a fresh key-on starts the next trip. Pure; one thread.
 */
final class TripDetector {

  /** What one update changed. */
  enum Transition {
    NONE,
    START,
    END
  }

  private final long idleGapNanos;
  private final long keyOffGraceNanos;
  private final double movingSpeedKmh;
  private boolean inTrip;
  private boolean lastKeyOn;
  private long lastActiveNanos;
  private long keyOffSinceNanos;

  TripDetector(Duration idleGap, Duration keyOffGrace, double movingSpeedKmh) {
    this.idleGapNanos = idleGap.toNanos();
    this.keyOffGraceNanos = keyOffGrace.toNanos();
    this.movingSpeedKmh = movingSpeedKmh;
  }

  /**
   * Folds in one observation.
   *
   * @param monotonicNanos the gateway's monotonic clock
   * @param keyOn key switch state
   * @param speedKmh best known speed, km/h; use 0 when no speed source is good
   */
  Transition update(long monotonicNanos, boolean keyOn, double speedKmh) {
    boolean moving = Math.abs(speedKmh) >= movingSpeedKmh;
    boolean keyTurnedOn = keyOn && !lastKeyOn;
    if (keyOn != lastKeyOn && !keyOn) {
      keyOffSinceNanos = monotonicNanos;
    }
    lastKeyOn = keyOn;
    if (!inTrip) {
      if (keyTurnedOn || moving) {
        inTrip = true;
        lastActiveNanos = monotonicNanos;
        return Transition.START;
      }
      return Transition.NONE;
    }
    if (moving) {
      lastActiveNanos = monotonicNanos;
      return Transition.NONE;
    }
    boolean keyOffLongEnough = !keyOn && monotonicNanos - Math.max(keyOffSinceNanos, lastActiveNanos) >= keyOffGraceNanos;
    boolean idleTooLong = monotonicNanos - lastActiveNanos >= idleGapNanos;
    if (keyOffLongEnough || idleTooLong) {
      inTrip = false;
      return Transition.END;
    }
    return Transition.NONE;
  }

  /** Forgets the trip in progress (it was ended from outside); the key state is kept. */
  void endTrip() {
    inTrip = false;
  }

  boolean inTrip() {
    return inTrip;
  }
}
