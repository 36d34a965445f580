package io.locolink.ground.web;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #FREE_FAILURES} wrong passwords for one user name (or
 * {@link #ADDRESS_FREE_FAILURES} from one address, for guesses spread over many names) within
 * {@link #WINDOW}, further attempts are refused without checking the password for
 * {@link #FIRST_LOCK}, doubling with each further failure up to {@link #MAX_LOCK}. A successful
 * log-in clears the name's count. Kept in memory (one station process); bounded in size. Thread-safe.
 */
final class LoginThrottle {

  static final int FREE_FAILURES = 5;
  static final int ADDRESS_FREE_FAILURES = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  static final Duration MAX_LOCK = Duration.ofMinutes(15);
  private static final int MAX_KEYS = 100_000;

  private record Failures(int count, Instant last) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final InstantSource clock;

  LoginThrottle(InstantSource clock) {
    this.clock = clock;
  }

  /** How long an attempt for this name from this address must still wait; zero when it may go ahead. */
  Duration waitBefore(String name, String address) {
    Instant now = clock.instant();
    Duration a = wait(failures.get(nameKey(name)), now, FREE_FAILURES);
    Duration b = wait(failures.get(addressKey(address)), now, ADDRESS_FREE_FAILURES);
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Counts a wrong password. */
  void failed(String name, String address) {
    Instant now = clock.instant();
    if (failures.size() > MAX_KEYS) {
      failures.values().removeIf(f -> f.last().plus(WINDOW).isBefore(now));
    }
    for (String key : new String[] {nameKey(name), addressKey(address)}) {
      failures.merge(key, new Failures(1, now), (old, one) ->
          old.last().plus(WINDOW).isBefore(now) ? one : new Failures(old.count() + 1, now));
    }
  }

  /** Clears the name's count after a successful log-in (the address keeps its own). */
  void succeeded(String name) {
    failures.remove(nameKey(name));
  }

  private static Duration wait(Failures f, Instant now, int free) {
    if (f == null || f.count() < free || f.last().plus(WINDOW).isBefore(now)) {
      return Duration.ZERO;
    }
    int doublings = Math.min(f.count() - free, 10);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    Instant until = f.last().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
    return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
  }

  private static String nameKey(String name) {
    return "n:" + (name == null ? "" : name.toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }
}
