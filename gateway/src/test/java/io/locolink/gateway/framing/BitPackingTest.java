package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitPackingTest {

  @Test
  void fixedBytesWorkedOutByHand() {
    // cells 3300, 3302, 3301, 3301 mV: n = 4 -> 04 | zigzag(3300) = 6600 -> varint c8 33
    // deltas +2, -1, 0 -> zigzag 4, 1, 0 -> widest needs 3 bits -> 03
    // bits LSB first: 4 = 0,0,1 | 1 = 1,0,0 | 0 = 0,0,0 -> 00110000 0 -> bytes 0c 00
    byte[] packed = BitPacking.pack(new long[] {3300, 3302, 3301, 3301});
    assertEquals("04c833030c00", HexFormat.of().formatHex(packed));
    assertArrayEquals(new long[] {3300, 3302, 3301, 3301}, BitPacking.unpack(packed));
  }

  @Test
  void anyListSurvivesTheRoundTrip() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 400; trial++) {
      long[] values = new long[random.nextInt(0, 300)];
      long spread = 1L << random.nextInt(0, 31);  // neighbours up to 2^31 apart: fields of up to 33 bits
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextLong(-spread, spread + 1) - 400;  // negative temperatures too
      }
      assertArrayEquals(values, BitPacking.unpack(BitPacking.pack(values)), "trial " + trial);
    }
  }

  @Test
  void aSmallSpreadCostsAFewBitsPerCell() {
    long[] cells = new long[216];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = 3300 + (i * 7 % 5) - 2;  // -2, 0, 2, -1, 1, -2 ...: within +/- 2 mV of 3.300 V
    }
    // neighbours differ by +2 or -3 mV -> zigzag 4 or 5 -> 3 bits each; 215 deltas -> 81 bytes,
    // after 2 bytes of count (216), 2 of the first value (zigzag 6596) and 1 of width
    assertEquals(2 + 2 + 1 + (215 * 3 + 7) / 8, BitPacking.pack(cells).length);
  }

  @Test
  void truncatedOrImpossibleBytesAreRefused() {
    byte[] packed = BitPacking.pack(new long[] {3300, 3302, 3301, 3301});
    assertThrows(IllegalArgumentException.class, () -> BitPacking.unpack(java.util.Arrays.copyOf(packed, 5)));
    assertThrows(IllegalArgumentException.class, () -> BitPacking.unpack(HexFormat.of().parseHex("04c83340")));
    assertThrows(IllegalArgumentException.class, () -> BitPacking.unpack(HexFormat.of().parseHex("ffffffff0f")));
  }
}
