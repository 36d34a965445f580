package io.locolink.gateway.framing;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.DeviceHealth;
import io.locolink.proto.v1.DepotServerState;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds the retained status message: the journal's figures from the uplink's report, device
 * health, uptime, the boot's sequence bounds and the clock's quality from the gateway. Its header
 * has no sequence (see the Status message in records.proto). Called on the uplink's thread.
 */
public final class StatusCodec {

  private final String locomotiveId;
  private final long bootId;
  private final String softwareVersion;
  private final Instant started;
  private final Supplier<List<DeviceHealth>> devices;
  private final BootSequence boot;
  private final LongSupplier lastSequenceAppended;
  private final Supplier<ClockQuality> clock;
  private final Supplier<DepotAnnouncement> depot;

  /** A status without sequence bounds, the clock reported unsynced (tests). */
  public StatusCodec(String locomotiveId, long bootId, String softwareVersion, Instant started,
      Supplier<List<DeviceHealth>> devices) {
    this(locomotiveId, bootId, softwareVersion, started, devices, BootSequence.UNKNOWN, () -> 0,
        () -> ClockQuality.UNSYNCED);
  }

  /**
   * @param lastSequenceAppended highest sequence this boot appended so far, 0 when none; called on
   *     the uplink's thread
   * @param clock the quality of the clock that stamps the status; called on the uplink's thread
   */
  public StatusCodec(String locomotiveId, long bootId, String softwareVersion, Instant started,
      Supplier<List<DeviceHealth>> devices, BootSequence boot, LongSupplier lastSequenceAppended,
      Supplier<ClockQuality> clock) {
    this(locomotiveId, bootId, softwareVersion, started, devices, boot, lastSequenceAppended, clock,
        DepotAnnouncement::disabled);
  }

  /**
   * As the constructor above, with the depot server's state, announced in fields 20-25 (the
   * endpoint while it serves); {@code depot} is called on the uplink's thread.
   */
  public StatusCodec(String locomotiveId, long bootId, String softwareVersion, Instant started,
      Supplier<List<DeviceHealth>> devices, BootSequence boot, LongSupplier lastSequenceAppended,
      Supplier<ClockQuality> clock, Supplier<DepotAnnouncement> depot) {
    this.locomotiveId = locomotiveId;
    this.bootId = bootId;
    this.softwareVersion = softwareVersion;
    this.started = started;
    this.devices = devices;
    this.boot = boot;
    this.lastSequenceAppended = lastSequenceAppended;
    this.clock = clock;
    this.depot = depot;
  }

  /** The encoded {@code locolink.v1.Status} for {@code r}. */
  public byte[] encode(StatusReport r) {
    Status.Builder status = Status.newBuilder()
        .setHeader(Headers.toProto(new HeaderFields(locomotiveId, bootId, 0, r.at(), clock.get())))
        .setLink(r.online() ? LinkState.LINK_ONLINE : LinkState.LINK_OFFLINE)
        .setSoftwareVersion(softwareVersion)
        .setQueueDepth(r.queueDepthRecords())
        .setOldestUnsentAgeS(r.oldestUnsentAge().toSeconds())
        .setDroppedTelemetry(r.droppedTelemetry())
        .setDroppedOther(r.droppedOther())
        .setSetAsideMessages(r.setAsideMessages())
        .setLastSetAsideReason(r.lastSetAsideReason())
        .setJournalBytes(r.journalBytes())
        .setJournalBytesWrittenToday(r.journalBytesWrittenToday())
        .setUptimeS(Math.max(0, Duration.between(started, r.at()).toSeconds()))
        .setPreviousBootId(boot.previousBootId())
        .setPreviousBootLastSequence(boot.previousLastSequence())
        .setBootFirstSequence(boot.firstSequence())
        .setLastSequenceAppended(lastSequenceAppended.getAsLong())
        .setPreviousBootClean(boot.previousClean());
    for (DeviceHealth d : devices.get()) {
      status.addDevicesBuilder().setName(d.name()).setOnline(d.online()).setErrors(d.errorCount())
          .setLastError(d.lastError().orElse(""));
    }
    addDepot(status, depot.get());
    return status.build().toByteArray();
  }

  private static void addDepot(Status.Builder status, DepotAnnouncement d) {
    status.setDepotState(switch (d.state()) {
      case DISABLED -> DepotServerState.DEPOT_DISABLED;
      case SERVING -> DepotServerState.DEPOT_SERVING;
      case RETRYING -> DepotServerState.DEPOT_RETRYING;
    });
    status.setDepotAddress(d.address()).setDepotPort(d.port()).addAllDepotIdentities(d.identities())
        .setDepotError(d.error()).setDepotFailures(d.failures());
  }
}
