package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryRangeCoderTest {

  /**
   * Bits of every skew (from nearly always 0 to nearly always 1) through adaptive probabilities,
   * with direct bits between them, and codes of every length from one bit: each decodes to the bits
   * coded, and bytes after the code's end do not change what it decodes to (the code ends where
   * zeros would do).
   */
  @Test
  void bitsComeBackWhateverTheirSkewAndLength() {
    Random random = new Random(11);
    for (int length = 1; length < 3000; length += 1 + length / 8) {
      double skew = random.nextDouble();
      int[] bits = new int[length];
      long[] direct = new long[length];
      BinaryRangeCoder.Encoder encoder = new BinaryRangeCoder.Encoder();
      short[] probs = BinaryRangeCoder.probabilities(4);
      for (int i = 0; i < length; i++) {
        bits[i] = random.nextDouble() < skew ? 1 : 0;
        encoder.bit(probs, i % 4, bits[i]);
        if (i % 17 == 0) {
          direct[i] = random.nextLong() & 0xFFFFFFFFFFL;
          encoder.direct(direct[i], 40);
        }
      }
      byte[] code = encoder.finish();
      assertTrue(code.length == 0 || code[code.length - 1] != 0, "no zero byte ends a code");
      byte[] followed = Arrays.copyOf(code, code.length + 8);
      Arrays.fill(followed, code.length, followed.length, (byte) 0x5a);
      for (byte[] bytes : new byte[][] {code, followed}) {
        BinaryRangeCoder.Decoder decoder = new BinaryRangeCoder.Decoder(bytes, 0, code.length);
        short[] p = BinaryRangeCoder.probabilities(4);
        int[] back = new int[length];
        for (int i = 0; i < length; i++) {
          back[i] = decoder.bit(p, i % 4);
          if (i % 17 == 0) {
            assertEquals(direct[i], decoder.direct(40), "direct bits at " + i + " of " + length);
          }
        }
        assertArrayEquals(bits, back, "length " + length + ", skew " + skew);
      }
    }
  }
}
