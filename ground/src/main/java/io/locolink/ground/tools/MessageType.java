package io.locolink.ground.tools;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Status;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TripSummary;
import java.util.Locale;
import java.util.Optional;

/** The message kinds of the wire contract, by MQTT topic suffix. */
public enum MessageType {
  TELEMETRY,
  ENERGY,
  ALARM,
  STATUS,
  TRIP;

  /** The type published on {@code locolink/v1/{loco}/{suffix}}; empty for a suffix LocoLink does not use. */
  public static Optional<MessageType> ofTopicSuffix(String suffix) {
    for (MessageType t : values()) {
      if (t.name().toLowerCase(Locale.ROOT).equals(suffix)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Parses {@code bytes} as this type. */
  public Message parse(byte[] bytes) throws InvalidProtocolBufferException {
    return switch (this) {
      case TELEMETRY -> TelemetryFrame.parseFrom(bytes);
      case ENERGY -> EnergyRecord.parseFrom(bytes);
      case ALARM -> Alarm.parseFrom(bytes);
      case STATUS -> Status.parseFrom(bytes);
      case TRIP -> TripSummary.parseFrom(bytes);
    };
  }

  /** The wire-contract name of this type, e.g. {@code locolink.v1.TelemetryFrame}. */
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
