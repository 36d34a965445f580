package io.locolink.gateway.framing;

import io.locolink.gateway.acquisition.DeviceHealth;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the retained status message: the journal's figures from the uplink's report, device
 * health and uptime from the gateway. Called on the uplink's thread.
 */
public final class StatusCodec {

  private final String locomotiveId;
  private final long bootId;
  private final String softwareVersion;
  private final Instant started;
  private final Supplier<List<DeviceHealth>> devices;

  public StatusCodec(String locomotiveId, long bootId, String softwareVersion, Instant started,
      Supplier<List<DeviceHealth>> devices) {
    this.locomotiveId = locomotiveId;
    this.bootId = bootId;
    this.softwareVersion = softwareVersion;
    this.started = started;
    this.devices = devices;
  }

  /** The encoded {@code locolink.v1.Status} for {@code r}. */
  public byte[] encode(StatusReport r) {
    Status.Builder status = Status.newBuilder()
        .setHeader(Header.newBuilder().setLocomotiveId(locomotiveId).setBootId(bootId)
            .setTimeUnixMs(r.at().toEpochMilli()))
        .setLink(r.online() ? LinkState.LINK_ONLINE : LinkState.LINK_OFFLINE)
        .setSoftwareVersion(softwareVersion)
        .setQueueDepth(r.queueDepthRecords())
        .setOldestUnsentAgeS(r.oldestUnsentAge().toSeconds())
        .setDroppedTelemetry(r.droppedTelemetry())
        .setDroppedOther(r.droppedOther())
        .setJournalBytes(r.journalBytes())
        .setJournalBytesWrittenToday(r.journalBytesWrittenToday())
        .setUptimeS(Math.max(0, Duration.between(started, r.at()).toSeconds()));
    for (DeviceHealth d : devices.get()) {
      status.addDevicesBuilder().setName(d.name()).setOnline(d.online()).setErrors(d.errorCount())
          .setLastError(d.lastError().orElse(""));
    }
    return status.build().toByteArray();
  }
}
