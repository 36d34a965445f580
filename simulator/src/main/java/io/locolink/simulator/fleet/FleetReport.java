package io.locolink.simulator.fleet;

/**
 * The outcome of a fleet run.
 *
 * @param locomotives locomotives that published
 * @param frameBytes size of the first telemetry frame, bytes (the plain payload's size)
 * @param telemetryPublished telemetry frames handed to the publishers
 * @param telemetryAcknowledged telemetry frames the broker acknowledged
 * @param telemetryRefused telemetry frames the clients refused (too many in flight)
 * @param telemetry what the ground counted of the telemetry
 * @param plainPublished plain messages handed to the baseline publishers
 * @param plainAcknowledged plain messages the broker acknowledged
 * @param plain what the ground counted of the baseline
 * @param connectSeconds time to connect every client, seconds
 * @param residentMb resident memory of this process at the end of publishing, MB (0 if unknown)
 */
public record FleetReport(int locomotives, int frameBytes, long telemetryPublished, long telemetryAcknowledged,
    long telemetryRefused, StreamReport telemetry, long plainPublished, long plainAcknowledged, StreamReport plain,
    double connectSeconds, long residentMb) {

  /** Zero gaps and every published telemetry frame counted on the ground. */
  public boolean telemetryComplete() {
    return telemetry.gaps() == 0 && telemetryRefused == 0 && telemetry.frames() - telemetry.duplicates() == telemetryPublished;
  }

  /** Zero gaps and every plain message counted on the ground. */
  public boolean plainComplete() {
    return plain.gaps() == 0 && plain.frames() - plain.duplicates() == plainPublished;
  }

  /** A few lines for a console. */
  public String summary() {
    return String.format(
        "locomotives %d, frame %d B, connect %.1f s, RSS %d MB%n"
            + "telemetry: published %d, acked %d, refused %d, received %d, gaps %d, dup %d, p50 %d ms, p99 %d ms, max %d ms%n"
            + "plain:     published %d, acked %d, received %d, gaps %d, dup %d, p50 %d ms, p99 %d ms, max %d ms",
        locomotives, frameBytes, connectSeconds, residentMb,
        telemetryPublished, telemetryAcknowledged, telemetryRefused, telemetry.frames(), telemetry.gaps(),
        telemetry.duplicates(), telemetry.p50Ms(), telemetry.p99Ms(), telemetry.maxMs(),
        plainPublished, plainAcknowledged, plain.frames(), plain.gaps(), plain.duplicates(), plain.p50Ms(),
        plain.p99Ms(), plain.maxMs());
  }
}
