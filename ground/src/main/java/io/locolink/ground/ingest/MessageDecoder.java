package io.locolink.ground.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.gateway.framing.CellChainDecoder;
import io.locolink.gateway.framing.CellSource;
import io.locolink.gateway.framing.MalformedMessageException;
import io.locolink.gateway.framing.ScaledFrame;
import io.locolink.ground.store.DeadLetter;
import io.locolink.ground.store.Incoming;
import io.locolink.ground.store.StatusRow;
import io.locolink.ground.store.Stream;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TripSummary;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what one MQTT message becomes: a decoded {@link Incoming} for the store, or a
 * {@link DeadLetter} with the reason it was refused (a topic LocoLink does not use, an empty,
 * oversized, truncated or foreign payload, a header missing or naming another locomotive than the
 * topic, values the store cannot hold). Never throws for bad input. Thread-safe; it remembers the
 * last frames of each locomotive's boot to decode the cells later frames predict from them.
 */
public final class MessageDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(MessageDecoder.class);

  private final int maxPayloadBytes;
  private final CellChainDecoder frames = new CellChainDecoder(10_000);
  private final StoredFrames stored;

  /** @param maxPayloadBytes larger payloads are refused as oversized and kept cut to this length */
  public MessageDecoder(int maxPayloadBytes) {
    this(maxPayloadBytes, StoredFrames.NONE);
  }

  /**
   * @param maxPayloadBytes larger payloads are refused as oversized and kept cut to this length
   * @param stored where to find the earlier frames of a cell-prediction chain this decoder did not see
   */
  public MessageDecoder(int maxPayloadBytes, StoredFrames stored) {
    if (maxPayloadBytes < 1024) {
      throw new IllegalArgumentException("maxPayloadBytes must be at least 1024, got " + maxPayloadBytes);
    }
    this.maxPayloadBytes = maxPayloadBytes;
    this.stored = stored;
  }

  /** What a message became. */
  public sealed interface Outcome permits Accepted, Refused {}

  /** A message for the store. */
  public record Accepted(Incoming message) implements Outcome {}

  /** A message kept aside. */
  public record Refused(DeadLetter letter) implements Outcome {}

  /** Decodes one message received at {@code receivedMs} on {@code topic}. */
  public Outcome decode(String topic, byte[] payload, long receivedMs) {
    String[] parts = topic.split("/", -1);
    if (parts.length != 4 || !parts[0].equals("locolink") || !parts[1].equals("v1") || parts[2].isEmpty()) {
      return refuse(topic, payload, receivedMs, "not a LocoLink topic (locolink/v1/{locomotive}/{stream})");
    }
    Stream stream;
    try {
      stream = Stream.valueOf(parts[3].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return refuse(topic, payload, receivedMs, "unknown stream '" + parts[3] + "'");
    }
    if (!parts[3].equals(parts[3].toLowerCase(Locale.ROOT))) {
      return refuse(topic, payload, receivedMs, "unknown stream '" + parts[3] + "'");
    }
    if (payload.length == 0) {
      return refuse(topic, payload, receivedMs, "empty payload");
    }
    if (payload.length > maxPayloadBytes) {
      return refuse(topic, payload, receivedMs, "oversized: " + payload.length + " bytes, the limit is " + maxPayloadBytes);
    }
    String loco = parts[2];
    try {
      return switch (stream) {
        case TELEMETRY -> {
          TelemetryFrame f = TelemetryFrame.parseFrom(payload);
          yield accept(topic, loco, stream, f.hasHeader(), f.getHeader(), payload, receivedMs,
              () -> new Incoming.Telemetry(TelemetryRows.of(f, decodeChain(f))));
        }
        case STATUS -> {
          Status s = Status.parseFrom(payload);
          yield accept(topic, loco, stream, s.hasHeader(), s.getHeader(), payload, receivedMs, () -> status(s));
        }
        case ENERGY -> {
          EnergyRecord r = EnergyRecord.parseFrom(payload);
          yield accept(topic, loco, stream, r.hasHeader(), r.getHeader(), payload, receivedMs, () -> Records.energy(r));
        }
        case ALARM -> {
          Alarm a = Alarm.parseFrom(payload);
          yield accept(topic, loco, stream, a.hasHeader(), a.getHeader(), payload, receivedMs, () -> Records.alarm(a));
        }
        case TRIP -> {
          TripSummary t = TripSummary.parseFrom(payload);
          yield accept(topic, loco, stream, t.hasHeader(), t.getHeader(), payload, receivedMs, () -> Records.trip(t));
        }
      };
    } catch (InvalidProtocolBufferException e) {
      return refuse(topic, payload, receivedMs, "truncated or not a " + stream.name().toLowerCase(Locale.ROOT)
          + " message: " + e.getMessage());
    } catch (MalformedMessageException | IllegalArgumentException | ArithmeticException e) {
      return refuse(topic, payload, receivedMs, "undecodable " + stream.name().toLowerCase(Locale.ROOT)
          + " message: " + e.getMessage());
    } catch (RuntimeException e) {  // a decoder tripping on foreign bytes must not stop the ingest
      return refuse(topic, payload, receivedMs, "undecodable " + stream.name().toLowerCase(Locale.ROOT)
          + " message: " + e.getMessage());
    }
  }

  private Outcome accept(String topic, String loco, Stream stream, boolean hasHeader, Header h, byte[] payload,
      long receivedMs, java.util.function.Supplier<Incoming.Content> content) {
    if (!hasHeader || h.getLocomotiveId().isEmpty()) {
      return refuse(topic, payload, receivedMs, "no header: not a LocoLink message");
    }
    if (!h.getLocomotiveId().equals(loco)) {
      return refuse(topic, payload, receivedMs, "topic locomotive '" + loco + "' differs from the header's '"
          + h.getLocomotiveId() + "'");
    }
    if (h.getSequence() < 0) {
      return refuse(topic, payload, receivedMs, "sequence " + Long.toUnsignedString(h.getSequence()) + " out of range");
    }
    return new Accepted(new Incoming(loco, stream, h.getBootId(), h.getSequence(), h.getTimeUnixMs(), receivedMs,
        h.getHistorical(), false, payload, content.get()));
  }

  /**
   * Decodes a telemetry frame with its predicted cells. When they were predicted from a frame this
   * decoder did not see (another station instance of the shared subscription got it), the chain's
   * frames from its key frame to the reference are read back from the store and decoded first;
   * a reference not stored yet leaves the frame without its cells, as before.
   */
  private ScaledFrame decodeChain(TelemetryFrame f) {
    ScaledFrame d = frames.decodeScaled(f);
    CellSource cells = d.cells();
    if (cells.available() || !cells.kind().equals("PREDICTED") || cells.referenceSequence() < cells.keySequence()) {
      return d;
    }
    Header h = f.getHeader();
    List<byte[]> chain;
    try {
      chain = stored.telemetry(h.getLocomotiveId(), h.getBootId(), cells.keySequence(), cells.referenceSequence(),
          h.getTimeUnixMs());
    } catch (SQLException | RuntimeException e) {
      LOG.debug("cannot read the cell chain of {} frame {}: {}", h.getLocomotiveId(), h.getSequence(), e.toString());
      return d;
    }
    if (chain.isEmpty()) {
      return d;
    }
    try {
      for (byte[] earlier : chain) {
        frames.decode(earlier);
      }
    } catch (MalformedMessageException e) {
      return d;
    }
    return frames.decodeScaled(f);
  }

  private static StatusRow status(Status s) {
    String link = s.getLink() == LinkState.LINK_OFFLINE ? "OFFLINE" : s.getLink() == LinkState.LINK_ONLINE ? "ONLINE"
        : "UNKNOWN";
    return new StatusRow(link, s.getSoftwareVersion(), s.getQueueDepth(), s.getOldestUnsentAgeS(),
        s.getDroppedTelemetry(), s.getDroppedOther(), s.getUptimeS(), s.getSetAsideMessages(),
        s.getLastSetAsideReason());
  }

  private Refused refuse(String topic, byte[] payload, long receivedMs, String reason) {
    byte[] kept = payload.length > maxPayloadBytes ? Arrays.copyOf(payload, maxPayloadBytes) : payload;
    return new Refused(new DeadLetter(receivedMs, topic, reason, payload.length, kept));
  }
}
