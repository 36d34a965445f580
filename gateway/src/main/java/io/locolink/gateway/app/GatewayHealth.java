package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.DeviceHealth;
import io.locolink.gateway.depot.HealthCheck;
import io.locolink.gateway.journal.JournalStats;
import io.locolink.gateway.uplink.LinkEvent;
import io.locolink.gateway.uplink.LinkState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The gateway's health as the depot server's {@code /health} reports it: devices (all online),
 * journal (no precious record refused), uplink (connected to the broker), clock (synced) and
 * storage (at least {@link #MIN_FREE_BYTES} free under the state directory). Fed by the uplink's
 * link events and the acquisition thread's clock quality; read from any thread.
 */
final class GatewayHealth implements Supplier<List<HealthCheck>> {

  /** Free space below which the state directory's file system is reported unhealthy. */
  static final long MIN_FREE_BYTES = 64L << 20;

  private final Supplier<List<DeviceHealth>> devices;
  private final Supplier<JournalStats> journal;
  private final Path stateDir;
  private volatile LinkEvent link;
  private volatile ClockQuality clock = ClockQuality.UNSYNCED;

  GatewayHealth(Supplier<List<DeviceHealth>> devices, Supplier<JournalStats> journal, Path stateDir) {
    this.devices = devices;
    this.journal = journal;
    this.stateDir = stateDir;
  }

  /** The uplink's latest change; called on the uplink's thread. */
  void onLink(LinkEvent event) {
    link = event;
  }

  /** The clock quality after an acquisition cycle; called on the acquisition thread. */
  void onClock(ClockQuality quality) {
    clock = quality;
  }

  @Override
  public List<HealthCheck> get() {
    return List.of(devices(), journal(), uplink(), clock(), storage());
  }

  private HealthCheck devices() {
    List<DeviceHealth> all = devices.get();
    String offline = all.stream().filter(d -> !d.online())
        .map(d -> d.name() + d.lastError().map(e -> " (" + e + ")").orElse(""))
        .collect(Collectors.joining(", "));
    if (all.isEmpty()) {
      return new HealthCheck("devices", false, "no device read yet");
    }
    return offline.isEmpty()
        ? new HealthCheck("devices", true, all.size() + " devices online")
        : new HealthCheck("devices", false, "offline: " + offline);
  }

  private HealthCheck journal() {
    JournalStats s = journal.get();
    String detail = s.queueDepthRecords() + " records queued, oldest unsent " + s.oldestUnsentAge().toSeconds()
        + " s, telemetry thinned " + s.droppedTelemetry() + ", precious records refused " + s.droppedOther();
    return new HealthCheck("journal", s.droppedOther() == 0, detail);
  }

  private HealthCheck uplink() {
    LinkEvent e = link;
    if (e == null) {
      return new HealthCheck("uplink", false, "not connected yet");
    }
    String detail = e.state().name().toLowerCase(java.util.Locale.ROOT) + (e.detail().isEmpty() ? "" : ": " + e.detail());
    return new HealthCheck("uplink", e.state() == LinkState.ONLINE, detail);
  }

  private HealthCheck clock() {
    ClockQuality q = clock;
    return new HealthCheck("clock", q == ClockQuality.SYNCED, q.name().toLowerCase(java.util.Locale.ROOT));
  }

  private HealthCheck storage() {
    try {
      long free = Files.getFileStore(stateDir).getUsableSpace();
      return new HealthCheck("storage", free >= MIN_FREE_BYTES, (free >> 20) + " MiB free under the state directory");
    } catch (IOException e) {
      return new HealthCheck("storage", false, "cannot read free space: " + e.getMessage());
    }
  }
}
