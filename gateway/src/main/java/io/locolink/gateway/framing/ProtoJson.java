package io.locolink.gateway.framing;

import io.locolink.proto.v1.ClockQuality;
import io.locolink.proto.v1.DataStatus;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Position;
import io.locolink.proto.v1.TripSummary;

/**
 * The proto3 JSON mapping of the messages the depot server answers as JSON ({@code EnergyRecord} and
 * {@code TripSummary}, with their {@code Header} and {@code Position}), written field by field: the text
 * protobuf's {@code JsonFormat} printer writes, compact or indented, without its reflection over the
 * descriptors and Gson (some 400 classes and their compiled code, loaded at a depot's first JSON request
 * and kept for as long as the gateway runs). The mapping: fields in the schema's order under their
 * lowerCamelCase names; a field at its default (0, empty text, false, the enum's 0) and an absent message
 * left out; 64-bit integers as decimal text, the unsigned ones unsigned; an enum by its name, a number the
 * schema does not name as the number; text escaped as Gson escapes it with HTML-safe escaping. A new
 * field in these messages needs its line here. Stateless; any thread.
 */
final class ProtoJson {

  private static final String[] ESCAPES = escapes();

  private ProtoJson() {}

  /** Appends {@code r} as a JSON object. */
  static void energyRecord(StringBuilder out, EnergyRecord r, boolean indented) {
    Fields f = new Fields(out, indented, 0);
    if (r.hasHeader()) {
      header(f.key("header"), r.getHeader(), indented, 1);
    }
    f.text("consumptionPointId", r.getConsumptionPointId())
        .int64("periodEndUnixS", r.getPeriodEndUnixS())
        .uint32("periodS", r.getPeriodS())
        .uint64("consumedWh", r.getConsumedWh())
        .uint64("regeneratedWh", r.getRegeneratedWh())
        .uint64("depotChargeWh", r.getDepotChargeWh())
        .uint64("gensetWh", r.getGensetWh())
        .uint64("dieselMl", r.getDieselMl());
    if (r.hasLocation()) {
      position(f.key("location"), r.getLocation(), indented, 1);
    }
    f.enumeration("timeStatus", r.getTimeStatusValue(), name(DataStatus.forNumber(r.getTimeStatusValue())))
        .enumeration("energyStatus", r.getEnergyStatusValue(), name(DataStatus.forNumber(r.getEnergyStatusValue())))
        .enumeration("locationStatus", r.getLocationStatusValue(),
            name(DataStatus.forNumber(r.getLocationStatusValue())))
        .uint32("qualityWord", r.getQualityWord())
        .int64("co2TankToWheelG", r.getCo2TankToWheelG())
        .int64("co2WellToWheelG", r.getCo2WellToWheelG())
        .int64("co2AvoidedG", r.getCo2AvoidedG())
        .end();
  }

  /** Appends {@code t} as a JSON object. */
  static void tripSummary(StringBuilder out, TripSummary t, boolean indented) {
    Fields f = new Fields(out, indented, 0);
    if (t.hasHeader()) {
      header(f.key("header"), t.getHeader(), indented, 1);
    }
    f.text("tripId", t.getTripId())
        .int64("startUnixMs", t.getStartUnixMs())
        .int64("endUnixMs", t.getEndUnixMs())
        .uint64("distanceM", t.getDistanceM())
        .uint64("consumedWh", t.getConsumedWh())
        .uint64("regeneratedWh", t.getRegeneratedWh())
        .uint32("socStartPermille", t.getSocStartPermille())
        .uint32("socEndPermille", t.getSocEndPermille())
        .optionalInt32("minCellTempDc", t.hasMinCellTempDc(), t.getMinCellTempDc())
        .optionalInt32("maxCellTempDc", t.hasMaxCellTempDc(), t.getMaxCellTempDc())
        .optionalInt32("maxMotorTempDc", t.hasMaxMotorTempDc(), t.getMaxMotorTempDc())
        .uint32("alarms", t.getAlarms())
        .int64("co2AvoidedG", t.getCo2AvoidedG())
        .uint64("dieselMl", t.getDieselMl())
        .uint64("frames", t.getFrames())
        .end();
  }

  private static void header(StringBuilder out, Header h, boolean indented, int depth) {
    new Fields(out, indented, depth)
        .text("locomotiveId", h.getLocomotiveId())
        .uint64("bootId", h.getBootId())
        .uint64("sequence", h.getSequence())
        .int64("timeUnixMs", h.getTimeUnixMs())
        .enumeration("clockQuality", h.getClockQualityValue(), name(ClockQuality.forNumber(h.getClockQualityValue())))
        .bool("historical", h.getHistorical())
        .end();
  }

  private static void position(StringBuilder out, Position p, boolean indented, int depth) {
    new Fields(out, indented, depth)
        .int32("latitudeE7", p.getLatitudeE7())
        .int32("longitudeE7", p.getLongitudeE7())
        .uint32("fixAgeMs", p.getFixAgeMs())
        .uint32("fixQuality", p.getFixQuality())
        .uint32("satellites", p.getSatellites())
        .end();
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** One object's fields, as JsonFormat lays them out: compact, or two spaces a level. */
  private static final class Fields {
    private final StringBuilder out;
    private final boolean indented;
    private final int depth;
    private boolean empty = true;

    Fields(StringBuilder out, boolean indented, int depth) {
      this.out = out;
      this.indented = indented;
      this.depth = depth;
      out.append(indented ? "{\n" : "{");
    }

    StringBuilder key(String name) {
      if (!empty) {
        out.append(indented ? ",\n" : ",");
      }
      empty = false;
      if (indented) {
        out.repeat(' ', 2 * (depth + 1));
      }
      return out.append('"').append(name).append(indented ? "\": " : "\":");
    }

    Fields text(String name, String value) {
      if (!value.isEmpty()) {
        quote(key(name), value);
      }
      return this;
    }

    Fields int32(String name, int value) {
      if (value != 0) {
        key(name).append(value);
      }
      return this;
    }

    /** A field with explicit presence: written when {@code present}, 0 included. */
    Fields optionalInt32(String name, boolean present, int value) {
      if (present) {
        key(name).append(value);
      }
      return this;
    }

    Fields uint32(String name, int value) {
      if (value != 0) {
        key(name).append(Integer.toUnsignedString(value));
      }
      return this;
    }

    Fields int64(String name, long value) {
      if (value != 0) {
        key(name).append('"').append(value).append('"');
      }
      return this;
    }

    Fields uint64(String name, long value) {
      if (value != 0) {
        key(name).append('"').append(Long.toUnsignedString(value)).append('"');
      }
      return this;
    }

    Fields bool(String name, boolean value) {
      if (value) {
        key(name).append("true");
      }
      return this;
    }

    /** An enum field: by {@code constant}'s name, or as the number when the schema has no name for it. */
    Fields enumeration(String name, int number, String constant) {
      if (number != 0) {
        if (constant == null) {
          key(name).append(number);
        } else {
          quote(key(name), constant);
        }
      }
      return this;
    }

    void end() {
      if (indented) {
        if (!empty) {
          out.append('\n');
        }
        out.repeat(' ', 2 * depth);
      }
      out.append('}');
    }
  }

  /** {@code value} as a JSON string, escaped as Gson's HTML-safe writer escapes it. */
  private static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ESCAPES.length && ESCAPES[c] != null) {
        out.append(ESCAPES[c]);
      } else if (c == '\u2028' || c == '\u2029') {
        out.append(unicodeEscape(c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private static String[] escapes() {
    String[] e = new String[128];
    for (int c = 0; c < 0x20; c++) {
      e[c] = unicodeEscape(c);
    }
    e['"'] = "\\\"";
    e['\\'] = "\\\\";
    e['\t'] = "\\t";
    e['\b'] = "\\b";
    e['\n'] = "\\n";
    e['\r'] = "\\r";
    e['\f'] = "\\f";
    for (char c : new char[] {'<', '>', '&', '=', '\''}) {
      e[c] = unicodeEscape(c);
    }
    return e;
  }

  /** A JSON escape of {@code c}: a backslash, u and four lower-case hex digits. */
  private static String unicodeEscape(int c) {
    String hex = Integer.toHexString(c);
    return "\\u" + "0000".substring(hex.length()) + hex;
  }
}
