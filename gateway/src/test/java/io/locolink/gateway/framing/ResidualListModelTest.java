package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResidualListModelTest {

  /** Small residuals, the unary code's last step and beyond it, and the largest magnitudes, in a sequence of lists. */
  @Test
  void residualsOfEverySizeComeBack() {
    List<long[]> lists = List.of(
        new long[] {0, 1, -1, 2, -2, 0, 0, 3},
        new long[] {12, 13, -13, 14, 1000, -1_000_000_007L, 1L << 40, -(1L << 40)},
        new long[] {Long.MAX_VALUE, Long.MIN_VALUE + 1, 0, 0, 0, 0, 0, 0},
        new long[] {5, 4, 3},
        new long[] {});
    ResidualListModel coding = new ResidualListModel();
    BinaryRangeCoder.Encoder encoder = new BinaryRangeCoder.Encoder();
    for (long[] list : lists) {
      coding.encode(encoder, list);
    }
    byte[] code = encoder.finish();
    ResidualListModel decoding = new ResidualListModel();
    BinaryRangeCoder.Decoder decoder = new BinaryRangeCoder.Decoder(code, 0, code.length);
    for (long[] list : lists) {
      assertArrayEquals(list, decoding.decode(decoder, list.length));
    }
  }
}
