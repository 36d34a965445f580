package io.locolink.gateway.framing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Status;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TripSummary;
import java.util.Locale;
import java.util.Optional;

/**
 * The five message kinds of the wire contract ({@code locolink.v1}); the one list of them for the
 * gateway, the simulator and the ground. Each kind is one MQTT topic ({@link Topics}) and one
 * top-level message. The declaration order is stored by the journal: append new kinds at the end.
 */
public enum StreamKind {
  TELEMETRY(true),
  ENERGY(false),
  ALARM(false),
  TRIP(false),
  STATUS(true);

  private final boolean thinnable;

  StreamKind(boolean thinnable) {
    this.thinnable = thinnable;
  }

  /** The last level of {@code locolink/v1/{loco}/...}, e.g. {@code telemetry}. */
  public String topicSuffix() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * True for energy records, alarms and trip summaries: never dropped before telemetry, sent
   * with QoS 1 and synced at once (DESIGN.md, wire contract and guarantees).
   */
  public boolean precious() {
    return !thinnable;
  }

  /** The kind published on {@code locolink/v1/{loco}/{suffix}}; empty for a suffix LocoLink does not use. */
  public static Optional<StreamKind> ofTopicSuffix(String suffix) {
    for (StreamKind kind : values()) {
      if (kind.topicSuffix().equals(suffix)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses {@code bytes} as this kind's message.
   *
   * @throws MalformedMessageException if they are not one
   */
  public Message parse(byte[] bytes) {
    try {
      return switch (this) {
        case TELEMETRY -> TelemetryFrame.parseFrom(bytes);
        case ENERGY -> EnergyRecord.parseFrom(bytes);
        case ALARM -> Alarm.parseFrom(bytes);
        case STATUS -> Status.parseFrom(bytes);
        case TRIP -> TripSummary.parseFrom(bytes);
      };
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a " + protoName() + ": " + e.getMessage(), e);
    }
  }

  /** The wire-contract name of this kind's message, e.g. {@code locolink.v1.TelemetryFrame}. */
  public String protoName() {
    return switch (this) {
      case TELEMETRY -> TelemetryFrame.getDescriptor().getFullName();
      case ENERGY -> EnergyRecord.getDescriptor().getFullName();
      case ALARM -> Alarm.getDescriptor().getFullName();
      case STATUS -> Status.getDescriptor().getFullName();
      case TRIP -> TripSummary.getDescriptor().getFullName();
    };
  }
}
