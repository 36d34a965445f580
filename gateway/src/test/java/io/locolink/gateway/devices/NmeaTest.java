package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The classic published NMEA 0183 examples (RMC ...*6A, GGA ...*47). */
class NmeaTest {

  static final String RMC = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";
  static final String GGA = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";

  @Test
  void checksumOfPublishedSentences() {
    assertEquals(0x6A, Nmea.checksum(RMC.substring(1, RMC.indexOf('*'))));
    assertEquals(0x47, Nmea.checksum(GGA.substring(1, GGA.indexOf('*'))));
  }

  @Test
  void parsesRmc() throws Exception {
    Nmea.Rmc rmc = Nmea.rmc(Nmea.fields(RMC)).orElseThrow();
    assertTrue(rmc.valid());
    assertEquals(Instant.parse("1994-03-23T12:35:19Z"), rmc.utc());
    assertEquals(48 + 7.038 / 60, rmc.latitudeDeg(), 1e-9);
    assertEquals(11 + 31.0 / 60, rmc.longitudeDeg(), 1e-9);
    assertEquals(22.4 * 1.852, rmc.speedKmh(), 1e-9);
  }

  @Test
  void parsesGga() throws Exception {
    Nmea.Gga gga = Nmea.gga(Nmea.fields(GGA));
    assertEquals(1, gga.fixQuality());
    assertEquals(8, gga.satellites());
  }

  @Test
  void southAndWestAreNegative() {
    assertEquals(-(48 + 7.038 / 60), Nmea.coordinate("4807.038", "S"), 1e-9);
    assertEquals(-(11 + 31.0 / 60), Nmea.coordinate("01131.000", "W"), 1e-9);
  }

  @Test
  void rejectsWrongChecksumAndGarbage() {
    assertThrows(FrameCorruptException.class, () -> Nmea.fields(RMC.replace("*6A", "*6B")));
    assertThrows(FrameCorruptException.class, () -> Nmea.fields(RMC.replace("4807", "4808")));
    assertThrows(FrameCorruptException.class, () -> Nmea.fields("GPRMC,no dollar*00"));
  }
}
