package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Expected bytes from the Protocol Buffers encoding guide, "Base 128 Varints". */
class VarintTest {

  private static byte[] bytes(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Varint.write(out, value);
    return out.toByteArray();
  }

  @Test
  void encodesAsTheProtobufGuideShows() {
    assertArrayEquals(new byte[] {0x01}, bytes(1));
    // the guide's example: 150 = 0b10010110 -> 1001 0110 0000 0001
    assertArrayEquals(new byte[] {(byte) 0x96, 0x01}, bytes(150));
    assertArrayEquals(new byte[] {(byte) 0xAC, 0x02}, bytes(300));
    assertArrayEquals(new byte[] {(byte) 0xFF, 0x7F}, bytes(16_383));
    assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0x80, 0x01}, bytes(16_384));
    // a negative int64 is ten bytes: nine with the continuation bit, then the top bit alone
    byte[] minusOne = bytes(-1);
    assertEquals(10, minusOne.length);
    assertEquals(0x01, minusOne[9]);
  }

  @Test
  void sizeMatchesWhatIsWritten() {
    for (long v : new long[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1}) {
      assertEquals(bytes(v).length, Varint.size(v), "size of " + v);
    }
  }
}
