package io.locolink.gateway.framing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.AlarmSignal;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmTier;
import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.Header;
import java.time.Instant;

/**
 * {@link AlarmEvent} to and from the wire's {@link Alarm}. Value and limit travel as thousandths
 * of their unit (rounded); the event's time is the header's {@code time_unix_ms}, so the caller
 * builds the header from {@link AlarmEvent#utc()} and decoding takes the time from the header.
 * Signals map onto channels (cell voltage, cell temperature, insulation, winding, bearing,
 * inverter; a storm summary has no channel). Stateless, thread-safe.
 */
public final class AlarmCodec {

  private AlarmCodec() {}

  /** The wire alarm of {@code event} under {@code header}. */
  public static Alarm toProto(AlarmEvent event, Header header) {
    return Alarm.newBuilder()
        .setHeader(header)
        .setCode(event.code())
        .setTier(tier(event.tier()))
        .setEvent(kind(event.kind()))
        .setChannel(channel(AlarmSignal.ofId(event.signal())))
        .setIndex(event.index())
        .setValueMilli(Math.round(event.value() * 1000))
        .setLimitMilli(Math.round(event.limit() * 1000))
        .setUnit(event.unit())
        .setSuppressed(event.suppressed())
        .build();
  }

  /** The encoded bytes of {@code event} under a header built from {@code header}. */
  public static byte[] encode(AlarmEvent event, HeaderFields header) {
    return encode(event, Headers.toProto(header));
  }

  /**
   * Parses and decodes wire bytes.
   *
   * @throws MalformedMessageException if the bytes are not a locolink.v1.Alarm or break its contract
   */
  public static AlarmEvent decode(byte[] bytes) {
    try {
      return fromProto(Alarm.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a locolink.v1.Alarm: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("a locolink.v1.Alarm that breaks the contract: " + e.getMessage(), e);
    }
  }

  /** The encoded bytes of {@link #toProto}. */
  public static byte[] encode(AlarmEvent event, Header header) {
    return toProto(event, header).toByteArray();
  }

  /**
   * The event a wire alarm describes, timed by its header.
   *
   * @throws IllegalArgumentException if tier, event or channel are not ones an alarm can have
   */
  public static AlarmEvent fromProto(Alarm a) {
    AlarmEvent.Kind kind = kind(a.getEvent());
    AlarmSignal signal = kind == AlarmEvent.Kind.STORM_SUMMARY ? AlarmSignal.ALARMS : signal(a.getChannel());
    return new AlarmEvent(a.getCode(), tier(a.getTier()), kind, signal.id(), a.getIndex(),
        a.getValueMilli() / 1000.0, a.getLimitMilli() / 1000.0, a.getUnit(),
        Instant.ofEpochMilli(a.getHeader().getTimeUnixMs()), a.getSuppressed());
  }

  private static AlarmTier tier(io.locolink.gateway.estimation.AlarmTier t) {
    return switch (t) {
      case NOTE -> AlarmTier.ALARM_NOTE;
      case REDUCE -> AlarmTier.ALARM_REDUCE;
      case OPEN_CONTACTORS -> AlarmTier.ALARM_OPEN_CONTACTORS;
    };
  }

  private static io.locolink.gateway.estimation.AlarmTier tier(AlarmTier t) {
    return switch (t) {
      case ALARM_NOTE -> io.locolink.gateway.estimation.AlarmTier.NOTE;
      case ALARM_REDUCE -> io.locolink.gateway.estimation.AlarmTier.REDUCE;
      case ALARM_OPEN_CONTACTORS -> io.locolink.gateway.estimation.AlarmTier.OPEN_CONTACTORS;
      default -> throw new IllegalArgumentException("alarm has no valid tier: " + t);
    };
  }

  private static io.locolink.proto.v1.AlarmEvent kind(AlarmEvent.Kind k) {
    return switch (k) {
      case RAISED -> io.locolink.proto.v1.AlarmEvent.ALARM_RAISED;
      case CLEARED -> io.locolink.proto.v1.AlarmEvent.ALARM_CLEARED;
      case STORM_SUMMARY -> io.locolink.proto.v1.AlarmEvent.ALARM_STORM_SUMMARY;
    };
  }

  private static AlarmEvent.Kind kind(io.locolink.proto.v1.AlarmEvent k) {
    return switch (k) {
      case ALARM_RAISED -> AlarmEvent.Kind.RAISED;
      case ALARM_CLEARED -> AlarmEvent.Kind.CLEARED;
      case ALARM_STORM_SUMMARY -> AlarmEvent.Kind.STORM_SUMMARY;
      default -> throw new IllegalArgumentException("alarm has no valid event kind: " + k);
    };
  }

  private static Channel channel(AlarmSignal s) {
    return switch (s) {
      case CELL_VOLTAGE -> Channel.CHANNEL_CELL_VOLTAGE;
      case CELL_TEMPERATURE -> Channel.CHANNEL_CELL_TEMPERATURE;
      case INSULATION -> Channel.CHANNEL_INSULATION;
      case MOTOR_WINDING -> Channel.CHANNEL_WINDING_TEMPERATURE;
      case MOTOR_BEARING -> Channel.CHANNEL_BEARING_TEMPERATURE;
      case INVERTER -> Channel.CHANNEL_INVERTER_TEMPERATURE;
      case ALARMS -> Channel.CHANNEL_UNSPECIFIED;
    };
  }

  private static AlarmSignal signal(Channel c) {
    return switch (c) {
      case CHANNEL_CELL_VOLTAGE -> AlarmSignal.CELL_VOLTAGE;
      case CHANNEL_CELL_TEMPERATURE -> AlarmSignal.CELL_TEMPERATURE;
      case CHANNEL_INSULATION -> AlarmSignal.INSULATION;
      case CHANNEL_WINDING_TEMPERATURE -> AlarmSignal.MOTOR_WINDING;
      case CHANNEL_BEARING_TEMPERATURE -> AlarmSignal.MOTOR_BEARING;
      case CHANNEL_INVERTER_TEMPERATURE -> AlarmSignal.INVERTER;
      default -> throw new IllegalArgumentException("alarm channel is not an alarm signal: " + c);
    };
  }
}
