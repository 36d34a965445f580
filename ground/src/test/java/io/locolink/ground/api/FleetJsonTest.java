package io.locolink.ground.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The fleet answer's number and time texts, against texts written out by hand. */
class FleetJsonTest {

  private static String decimal(long unscaled, int scale) {
    char[] out = new char[24];
    return new String(out, 0, FleetJson.decimal(unscaled, scale, out));
  }

  @Test
  void aScaledIntegerIsWrittenWithEveryDecimalPlaceOfItsResolution() {
    assertEquals("80.5", decimal(805, 1));
    assertEquals("712.39", decimal(71239, 2));
    assertEquals("0.005", decimal(5, 3));
    assertEquals("-0.5", decimal(-5, 1));
    assertEquals("0.00", decimal(0, 2));
    assertEquals("0", decimal(0, 0));
    assertEquals("17", decimal(17, 0));
    assertEquals("-12.3", decimal(-123, 1));
    assertEquals("-3276.8", decimal(-32768, 1));
    assertEquals("2147483.647", decimal(Integer.MAX_VALUE, 3));
    assertEquals("9223372036854775807", decimal(Long.MAX_VALUE, 0));
    assertEquals("-922337203685477580.8", decimal(Long.MIN_VALUE, 1));
  }

  @Test
  void aTimeIsWrittenAsAnIsoInstantWithItsMillisecondsWhenItHasAny() {
    FleetJson.Times t = new FleetJson.Times();
    assertEquals("2026-12-03T14:46:15Z", t.text(1_796_309_175_000L));
    assertEquals("2026-12-03T14:46:15.599Z", t.text(1_796_309_175_599L));
    assertEquals("2026-12-03T14:46:15.050Z", t.text(1_796_309_175_050L));
    assertEquals("2026-12-03T14:46:16.001Z", t.text(1_796_309_176_001L));
    assertEquals("1970-01-01T00:00:00Z", t.text(0));
    assertEquals("1969-12-31T23:59:59.999Z", t.text(-1));
  }
}
