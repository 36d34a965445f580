package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The energy answer's delimited form written in place: each record behind its length as a protobuf
 * varint (encoding guide, "Base 128 Varints"): 3 as 03, 127 as 7F, 128 as 80 01, 300 as AC 02,
 * 16,384 as 80 80 01.
 */
class EnergyDelimitedTest {

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void lengthsOfOneTwoAndThreeBytes() {
    int[] lengths = {3, 127, 128, 300, 16_384, 0};
    byte[][] prefixes = {{0x03}, {0x7F}, {(byte) 0x80, 0x01}, {(byte) 0xAC, 0x02}, {(byte) 0x80, (byte) 0x80, 0x01},
        {0x00}};
    List<byte[]> records = new ArrayList<>();
    List<Byte> expected = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      records.add(filled(lengths[i], i + 1));
      for (byte b : prefixes[i]) {
        expected.add(b);
      }
      for (int j = 0; j < lengths[i]; j++) {
        expected.add((byte) (i + 1));
      }
    }
    byte[] want = new byte[expected.size()];
    for (int i = 0; i < want.length; i++) {
      want[i] = expected.get(i);
    }
    byte[] got = EnergyResource.delimited(records);
    assertEquals(3 + 127 + 128 + 300 + 16_384 + 1 + 1 + 2 + 2 + 3 + 1, got.length);
    assertArrayEquals(want, got);
    records.forEach(r -> assertNull(r, "a record still held after it was copied"));
  }

  @Test
  void noRecords() {
    assertArrayEquals(new byte[0], EnergyResource.delimited(new ArrayList<>()));
  }
}
