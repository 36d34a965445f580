package io.locolink.ground.store;

import java.util.List;
import java.util.Objects;

/**
 * One decoded message ready to be stored: its key, its raw bytes and the rows it becomes.
 *
 * @param locomotive the locomotive's id (topic and header agree on it)
 * @param stream the stream it came on
 * @param bootId the gateway start it belongs to
 * @param sequence its number in the locomotive's sequence (0 for status, which carries none)
 * @param timeMs header time, Unix milliseconds
 * @param receivedMs when the station received it, Unix milliseconds
 * @param historical true when sent from the gateway's backlog
 * @param held true when the broker held it for the station: published before the station's connection
 *     subscribed (while the station was away, or not acknowledged before it went), so its arrival says
 *     nothing of when it was sent
 * @param payload the message exactly as received
 * @param content what the message becomes in the decoded tables
 */
public record Incoming(String locomotive, Stream stream, long bootId, long sequence, long timeMs, long receivedMs,
    boolean historical, boolean held, byte[] payload, Content content) {

  public Incoming {
    Objects.requireNonNull(locomotive, "locomotive");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(content, "content");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
    }
  }

  /** This message as one the broker held for the station ({@link #held()}). */
  public Incoming asHeld() {
    return new Incoming(locomotive, stream, bootId, sequence, timeMs, receivedMs, historical, true, payload, content);
  }

  /** The identity the store de-duplicates on. */
  public Key key() {
    return new Key(locomotive, bootId, stream, sequence, timeMs);
  }

  /** The de-duplication key (the primary key of {@code raw_message}). */
  public record Key(String locomotive, long bootId, Stream stream, long sequence, long timeMs) {}

  /** The decoded rows of a message, by stream. */
  public sealed interface Content permits Telemetry, StatusRow, EnergyRow, AlarmRow, TripRow, Other {}

  /** A telemetry frame: one row per second it spans. */
  public record Telemetry(List<SecondRow> seconds) implements Content {
    public Telemetry {
      seconds = List.copyOf(seconds);
    }
  }

  /** A message kept only as raw bytes and in the sequence accounting. */
  public record Other() implements Content {}
}
