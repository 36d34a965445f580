package io.locolink.gateway.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.LastErrorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify datagrams through a real Unix socket, read back as systemd would read them. */
class ServiceManagerTest {

  @TempDir
  Path dir;

  @Test
  void readyAndStoppingReachTheNotifySocket() {
    try (NotifyListener systemd = new NotifyListener(dir.resolve("notify"))) {
      ServiceManager manager = ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.path.toString()), 42);
      assertTrue(manager.present());
      manager.ready("acquiring");
      manager.stopping();
      // sd_notify(3): newline-separated assignments, READY=1 when start-up is finished
      assertEquals("READY=1\nSTATUS=acquiring", systemd.receive());
      assertEquals("STOPPING=1", systemd.receive());
    }
  }

  /**
   * systemd.service(5), {@code WatchdogSec=}: "The watchdog is activated when the start-up is completed", that is
   * at {@code READY=1} for a notify service; pings start there.
   */
  @Test
  void watchdogPingsFromReadyOnAtMostOncePerQuarterOfTheTimeout() {
    try (NotifyListener systemd = new NotifyListener(dir.resolve("notify"))) {
      // WatchdogSec=8 s: systemd passes WATCHDOG_USEC=8000000; a quarter is 2 s
      ServiceManager manager = ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.path.toString(),
          "WATCHDOG_USEC", "8000000", "WATCHDOG_PID", "42"), 42);
      assertEquals(Duration.ofSeconds(8), manager.watchdogInterval().orElseThrow());
      AtomicLong nanos = new AtomicLong(5_000_000_000L);
      WatchdogPinger pinger = new WatchdogPinger(manager, nanos::get);
      pinger.cycleDone();                  // before READY=1 the watchdog is not armed: none
      nanos.addAndGet(3_000_000_000L);
      pinger.cycleDone();                  // none, though more than a quarter passed
      manager.ready("acquiring");
      pinger.cycleDone();                  // first cycle after READY=1: ping
      nanos.addAndGet(1_999_999_999L);
      pinger.cycleDone();                  // 1.999 s later: none
      nanos.addAndGet(1L);
      pinger.cycleDone();                  // 2 s after the first: ping
      nanos.addAndGet(100_000_000L);
      pinger.cycleDone();                  // none
      manager.stopping();                  // marks the end of what was sent
      assertEquals("READY=1\nSTATUS=acquiring", systemd.receive());
      assertEquals("WATCHDOG=1", systemd.receive());
      assertEquals("WATCHDOG=1", systemd.receive());
      assertEquals("STOPPING=1", systemd.receive());
    }
  }

  @Test
  void watchdogMeantForAnotherProcessIsNotPinged() {
    ServiceManager manager = ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("n").toString(),
        "WATCHDOG_USEC", "8000000", "WATCHDOG_PID", "7"), 42);
    assertTrue(manager.watchdogInterval().isEmpty());
    assertFalse(new WatchdogPinger(manager, System::nanoTime).active());
  }

  @Test
  void withoutNotifySocketNothingIsSentAndNothingFails() {
    ServiceManager manager = ServiceManager.fromEnvironment(Map.of("WATCHDOG_USEC", "8000000"), 42);
    assertFalse(manager.present());
    manager.ready("x");
    manager.watchdogAlive();
    assertFalse(new WatchdogPinger(manager, System::nanoTime).active());
  }

  @Test
  void aManagerThatWentAwayIsLoggedNotThrown() {
    ServiceManager manager = ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("gone").toString()), 1);
    manager.watchdogAlive();
    assertThrows(LastErrorException.class, () -> UnixDatagram.send(dir.resolve("gone").toString(), "WATCHDOG=1"));
  }

  @Test
  void abstractSocketNamesStartWithNul() {
    byte[] address = UnixDatagram.address("@/org/freedesktop/systemd1/notify");
    assertEquals(2 + 33, address.length);  // family + name, no trailing NUL for an abstract name
    assertEquals(0, address[2]);
    assertEquals(2 + 5 + 1, UnixDatagram.address("/x/yz").length);  // a path keeps its NUL
  }
}
