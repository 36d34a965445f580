package io.locolink.gateway.framing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.proto.v1.DataStatus;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Position;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link EnergyPeriod} to and from the wire's {@link EnergyRecord}. Location goes as degrees x 10^7
 * with the fix's age at period end (period end minus the fix's UTC, clamped at 0). Decoding
 * rebuilds the fix from what the wire carries: its UTC is period end minus the age, its speed 0
 * and its monotonic stamp 0 (the receiving side has no use for either). Stateless, thread-safe.
 */
public final class EnergyRecordCodec {

  private EnergyRecordCodec() {}

  /** The wire record of {@code period} under {@code header}. */
  public static EnergyRecord toProto(EnergyPeriod period, Header header) {
    EnergyRecord.Builder b = EnergyRecord.newBuilder()
        .setHeader(header)
        .setConsumptionPointId(period.consumptionPointId())
        .setPeriodEndUnixS(period.periodEnd().getEpochSecond())
        .setPeriodS(period.periodS())
        .setConsumedWh(period.consumedWh())
        .setRegeneratedWh(period.regeneratedWh())
        .setDepotChargeWh(period.depotChargeWh())
        .setGensetWh(period.gensetWh())
        .setDieselMl(period.dieselMl())
        .setTimeStatus(status(period.timeStatus()))
        .setEnergyStatus(status(period.energyStatus()))
        .setLocationStatus(status(period.locationStatus()))
        .setQualityWord(period.qualityWord())
        .setCo2TankToWheelG(period.co2TankToWheelG())
        .setCo2WellToWheelG(period.co2WellToWheelG())
        .setCo2AvoidedG(period.co2AvoidedG());
    period.location().ifPresent(fix -> b.setLocation(position(fix, period.periodEnd())));
    return b.build();
  }

  /** The encoded bytes of {@code period} under a header built from {@code header}. */
  public static byte[] encode(EnergyPeriod period, HeaderFields header) {
    return encode(period, Headers.toProto(header));
  }

  /**
   * The period end of an encoded energy record, without decoding the rest.
   *
   * @throws MalformedMessageException if the bytes are not a locolink.v1.EnergyRecord
   */
  public static Instant periodEnd(byte[] bytes) {
    try {
      return Instant.ofEpochSecond(EnergyRecord.parseFrom(bytes).getPeriodEndUnixS());
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a locolink.v1.EnergyRecord: " + e.getMessage(), e);
    }
  }

  /**
   * Parses and decodes wire bytes.
   *
   * @throws MalformedMessageException if the bytes are not a locolink.v1.EnergyRecord or break its contract
   */
  public static EnergyPeriod decode(byte[] bytes) {
    try {
      return fromProto(EnergyRecord.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a locolink.v1.EnergyRecord: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("a locolink.v1.EnergyRecord that breaks the contract: " + e.getMessage(), e);
    }
  }

  /** The encoded bytes of {@link #toProto}. */
  public static byte[] encode(EnergyPeriod period, Header header) {
    return toProto(period, header).toByteArray();
  }

  /**
   * The period a wire record describes.
   *
   * @throws IllegalArgumentException if the record breaks the contract (unknown status, an id
   *     over 32 ASCII characters, coordinates out of range)
   */
  public static EnergyPeriod fromProto(EnergyRecord r) {
    Instant end = Instant.ofEpochSecond(r.getPeriodEndUnixS());
    Optional<GnssFix> location = r.hasLocation() ? Optional.of(fix(r.getLocation(), end)) : Optional.empty();
    return new EnergyPeriod(
        r.getConsumptionPointId(),
        end,
        r.getPeriodS(),
        r.getConsumedWh(),
        r.getRegeneratedWh(),
        r.getDepotChargeWh(),
        r.getGensetWh(),
        r.getDieselMl(),
        location,
        status(r.getTimeStatus()),
        status(r.getEnergyStatus()),
        status(r.getLocationStatus()),
        r.getQualityWord(),
        r.getCo2TankToWheelG(),
        r.getCo2WellToWheelG(),
        r.getCo2AvoidedG());
  }

  /**
   * Appends encoded energy records as elements of a JSON array (proto3 JSON mapping, compact), each
   * after a comma but the first when {@code commaFirst} is false: the depot's array a part at a time.
   *
   * @throws MalformedMessageException if one of them is not an energy record
   */
  public static void appendJson(StringBuilder out, List<byte[]> records, boolean commaFirst) {
    boolean comma = commaFirst;
    for (byte[] r : records) {
      if (comma) {
        out.append(',');
      }
      comma = true;
      try {
        ProtoJson.energyRecord(out, EnergyRecord.parseFrom(r), false);
      } catch (InvalidProtocolBufferException e) {
        throw new MalformedMessageException("not a locolink.v1.EnergyRecord: " + e.getMessage(), e);
      }
    }
  }

  /** Encoded energy records, each prefixed by its varint length (the protobuf delimited form). */
  public static byte[] delimited(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : records) {
      Varint.write(out, r.length);
      out.writeBytes(r);
    }
    return out.toByteArray();
  }

  static Position position(GnssFix fix, Instant at) {
    long ageMs = Math.max(0, Duration.between(fix.utc(), at).toMillis());
    return Position.newBuilder()
        .setLatitudeE7((int) Math.round(fix.latitudeDeg() * 1e7))
        .setLongitudeE7((int) Math.round(fix.longitudeDeg() * 1e7))
        .setFixAgeMs((int) Math.min(ageMs, 0xFFFF_FFFFL))
        .setFixQuality(fix.fixQuality())
        .setSatellites(fix.satellites())
        .build();
  }

  private static GnssFix fix(Position p, Instant at) {
    long ageMs = Integer.toUnsignedLong(p.getFixAgeMs());
    return new GnssFix(p.getLatitudeE7() / 1e7, p.getLongitudeE7() / 1e7, 0, at.minusMillis(ageMs),
        p.getFixQuality(), p.getSatellites(), 0);
  }

  private static DataStatus status(EnergyPeriod.DataStatus s) {
    return switch (s) {
      case VALID -> DataStatus.DATA_VALID;
      case UNCERTAIN -> DataStatus.DATA_UNCERTAIN;
      case MISSING -> DataStatus.DATA_MISSING;
      case INVALID -> DataStatus.DATA_INVALID;
    };
  }

  private static EnergyPeriod.DataStatus status(DataStatus s) {
    return switch (s) {
      case DATA_VALID -> EnergyPeriod.DataStatus.VALID;
      case DATA_UNCERTAIN -> EnergyPeriod.DataStatus.UNCERTAIN;
      case DATA_MISSING -> EnergyPeriod.DataStatus.MISSING;
      case DATA_INVALID -> EnergyPeriod.DataStatus.INVALID;
      default -> throw new IllegalArgumentException("energy record has no valid data status: " + s);
    };
  }
}
