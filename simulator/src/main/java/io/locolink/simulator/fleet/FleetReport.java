package io.locolink.simulator.fleet;

/**
 * The outcome of a fleet run.
 *
 * @param locomotives locomotives that published
 * @param acquisition how their gateways read the state
 * @param frameBytes size of a telemetry frame from the first locomotive's gateway, bytes (the
 *     plain payload's size)
 * @param telemetryPublished telemetry frames the locomotives' pipelines handed to their clients
 * @param recordsPublished energy records and alarms the pipelines handed to their clients
 * @param acknowledged locomotive messages the broker acknowledged, all streams
 * @param refused locomotive messages the clients refused (too many in flight), all streams
 * @param ground what the ground counted of the locomotives' messages, all streams (gaps by the
 *     shared sequence per locomotive and boot; latency of telemetry frames)
 * @param telemetryReceived telemetry frames the ground received
 * @param recordsReceived energy records and alarms the ground received
 * @param undecodable messages the ground could not decode
 * @param plainPublished plain messages handed to the baseline publishers
 * @param plainAcknowledged plain messages the broker acknowledged
 * @param plain what the ground counted of the baseline
 * @param connectSeconds time to connect every client, seconds
 * @param residentMb resident memory of this process at the end of publishing, MB (0 if unknown)
 * @param cpuPercent CPU time of this process while publishing, percent of one core (0 if unknown)
 */
public record FleetReport(int locomotives, Acquisition acquisition, int frameBytes, long telemetryPublished,
    long recordsPublished, long acknowledged, long refused, StreamReport ground, long telemetryReceived,
    long recordsReceived, long undecodable, long plainPublished, long plainAcknowledged, StreamReport plain,
    double connectSeconds, long residentMb, double cpuPercent) {

  /** Zero gaps, nothing refused or undecodable, and every locomotive message counted once on the ground. */
  public boolean locomotivesComplete() {
    return ground.gaps() == 0 && refused == 0 && undecodable == 0
        && ground.frames() - ground.duplicates() == telemetryPublished + recordsPublished;
  }

  /** Zero gaps and every plain message counted on the ground. */
  public boolean plainComplete() {
    return plain.gaps() == 0 && plain.frames() - plain.duplicates() == plainPublished;
  }

  /** A few lines for a console. */
  public String summary() {
    return String.format(
        "locomotives %d (%s acquisition), frame %d B, connect %.1f s, RSS %d MB, CPU %.0f %% of a core%n"
            + "locomotives: published %d frames + %d records, acked %d, refused %d, received %d frames + %d records,"
            + " undecodable %d, gaps %d, dup %d, p50 %d ms, p99 %d ms, max %d ms%n"
            + "plain:       published %d, acked %d, received %d, gaps %d, dup %d, p50 %d ms, p99 %d ms, max %d ms",
        locomotives, acquisition.label(), frameBytes, connectSeconds, residentMb, cpuPercent,
        telemetryPublished, recordsPublished, acknowledged, refused, telemetryReceived, recordsReceived, undecodable,
        ground.gaps(), ground.duplicates(), ground.p50Ms(), ground.p99Ms(), ground.maxMs(),
        plainPublished, plainAcknowledged, plain.frames(), plain.gaps(), plain.duplicates(), plain.p50Ms(),
        plain.p99Ms(), plain.maxMs());
  }
}
