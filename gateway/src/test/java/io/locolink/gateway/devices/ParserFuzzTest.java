package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The NMEA and Modbus parsers fed what a noisy line can deliver: each returns a reading or throws
 * its documented bus exception with a message, nothing else.
 */
class ParserFuzzTest {

  /** Sentences built from NMEA-like tokens, with a right checksum half of the time. */
  @Provide
  Arbitrary<String> sentences() {
    Arbitrary<String> field = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789.-+eENSWAV").ofMaxLength(12),
        Arbitraries.of("", "NaN", "Infinity", "-0", "1e999", "123519", "4807.038", "4807.0e9", "01131.000", "230394",
            "A", "V", "N", "S", "E", "W", "1", "08"));
    Arbitrary<String> type = Arbitraries.of("GPRMC", "GNRMC", "GPGGA", "GNGGA", "GPGSV", "X", "");
    return net.jqwik.api.Combinators.combine(type, field.list().ofMaxSize(16), Arbitraries.of(true, false))
        .as((t, fields, good) -> {
          String body = t + (fields.isEmpty() ? "" : "," + String.join(",", fields));
          return good ? Nmea.withChecksum(body) : "$" + body + "*00";
        });
  }

  @Property(tries = 500)
  void nmeaSentences(@ForAll("sentences") String sentence) {
    parseNmea(sentence);
  }

  @Property(tries = 300)
  void nmeaNoise(@ForAll @Size(max = 120) String noise) {
    parseNmea(noise);
  }

  /** Parses a sentence; a position or speed that comes out must be one the earth and a locomotive allow. */
  private static void parseNmea(String sentence) {
    try {
      String[] f = Nmea.fields(sentence);
      switch (Nmea.type(f)) {
        case "RMC" -> Nmea.rmc(f).ifPresent(r -> {
          assertTrue(Math.abs(r.speedKmh()) < 2000, "speed " + r.speedKmh() + " from " + sentence);
          assertPosition(r.latitudeDeg(), r.longitudeDeg(), sentence);
        });
        case "GGA" -> {
          Nmea.Gga g = Nmea.gga(f);
          assertPosition(g.latitudeDeg(), g.longitudeDeg(), sentence);
        }
        default -> { }
      }
    } catch (FrameCorruptException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  private static void assertPosition(double lat, double lon, String sentence) {
    assertTrue(Math.abs(lat) <= 90 && Math.abs(lon) <= 180, lat + ", " + lon + " from " + sentence);
  }

  /** Regression: a speed of "NaN" knots was taken as a speed; the property above now checks for it. */
  @Example
  void nanSpeedIsRefused() {
    String s = Nmea.withChecksum("GPRMC,123519,A,4807.038,N,01131.000,E,NaN,084.4,230394,003.1,W");
    assertThrows(FrameCorruptException.class, () -> Nmea.rmc(Nmea.fields(s)));
  }

  /** Regression: minutes in exponent form put the locomotive past the pole. */
  @Example
  void latitudePastThePoleIsRefused() {
    String s = Nmea.withChecksum("GPGGA,123519,4807.0e9,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
    assertThrows(FrameCorruptException.class, () -> Nmea.gga(Nmea.fields(s)));
  }

  @Property(tries = 400)
  void modbusAnswers(@ForAll @Size(max = 300) byte[] answer, @ForAll @IntRange(min = 1, max = 125) int count) {
    ScriptedSerialLink link = new ScriptedSerialLink(request -> answer);
    ModbusRtuClient client = new ModbusRtuClient(link, ScriptedSerialLink.noWaitPlatform(), Duration.ZERO);
    try {
      client.readRegisters(1, 3, 0, count);
    } catch (BusException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  /** A valid answer's header with a random body: the CRC decides, never an index error. */
  @Property(tries = 300)
  void modbusAnswersWithARightHeader(@ForAll @Size(max = 260) byte[] body, @ForAll @IntRange(min = 0, max = 255)
      int byteCount) {
    byte[] answer = new byte[3 + body.length];
    answer[0] = 1;
    answer[1] = 3;
    answer[2] = (byte) byteCount;
    System.arraycopy(body, 0, answer, 3, body.length);
    ScriptedSerialLink link = new ScriptedSerialLink(request -> answer);
    try {
      new ModbusRtuClient(link, ScriptedSerialLink.noWaitPlatform(), Duration.ZERO).readRegisters(1, 3, 0, 4);
    } catch (BusException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }
}
