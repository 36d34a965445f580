package io.locolink.gateway.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.devices.BusNackException;
import io.locolink.gateway.devices.BusTimeoutException;
import io.locolink.gateway.devices.FrameCorruptException;
import io.locolink.gateway.devices.SensorFaultException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeviceGuardTest {

  private long now;
  private final DeviceGuard guard = new DeviceGuard("chip", 2, 3, 8_000_000_000L, () -> now);

  @Test
  void retriesThenSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    DeviceGuard.Outcome<Integer> outcome = guard.run(() -> {
      if (calls.incrementAndGet() < 3) {
        throw new BusNackException("nack");
      }
      return 42;
    });
    assertEquals(42, outcome.value().orElseThrow());
    assertEquals(3, calls.get());
    assertEquals(2, guard.health().errorCount());
    assertTrue(guard.online());
  }

  @Test
  void flagsNameTheCause() {
    assertTrue(QualityFlag.TIMEOUT.in(guard.run(() -> {
      throw new BusTimeoutException("t");
    }).flags()));
    assertTrue(QualityFlag.CHECKSUM.in(guard.run(() -> {
      throw new FrameCorruptException("c");
    }).flags()));
    int sensor = guard.run(() -> {
      throw new SensorFaultException("open");
    }).flags();
    assertTrue(QualityFlag.SENSOR_INVALID.in(sensor) && QualityFlag.STALE.in(sensor));
  }

  @Test
  void offlineAfterThreeFailedCyclesThenBacksOffAndRecovers() {
    AtomicInteger calls = new AtomicInteger();
    DeviceGuard.BusRead<Integer> failing = () -> {
      calls.incrementAndGet();
      throw new BusNackException("gone");
    };
    guard.run(failing);
    guard.run(failing);
    assertTrue(guard.online());
    int flags = guard.run(failing).flags();
    assertFalse(guard.online());
    assertTrue(QualityFlag.DEVICE_OFFLINE.in(flags) && QualityFlag.BUS_ERROR.in(flags));
    assertEquals(9, calls.get());
    now += 500_000_000L; // within the first 1 s backoff: not even tried
    assertTrue(QualityFlag.DEVICE_OFFLINE.in(guard.run(failing).flags()));
    assertEquals(9, calls.get());
    now += 600_000_000L; // backoff over: tried again, fails, next backoff 2 s
    guard.run(failing);
    assertEquals(12, calls.get());
    now += 1_500_000_000L;
    guard.run(failing);
    assertEquals(12, calls.get());
    now += 600_000_000L;
    DeviceGuard.Outcome<Integer> back = guard.run(() -> 7);
    assertEquals(7, back.value().orElseThrow());
    assertTrue(guard.online());
    assertEquals("gone", guard.health().lastError().orElseThrow());
  }
}
