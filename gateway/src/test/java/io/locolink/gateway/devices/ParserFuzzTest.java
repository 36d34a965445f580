package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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
        Arbitraries.of("", "NaN", "Infinity", "-0", "1e999", "123519", "4807.038", "01131.000", "230394", "A", "V"));
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

  private static void parseNmea(String sentence) {
    try {
      String[] f = Nmea.fields(sentence);
      switch (Nmea.type(f)) {
        case "RMC" -> Nmea.rmc(f);
        case "GGA" -> Nmea.gga(f);
        default -> { }
      }
    } catch (FrameCorruptException e) {
      assertFalse(e.getMessage().isBlank());
    }
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
