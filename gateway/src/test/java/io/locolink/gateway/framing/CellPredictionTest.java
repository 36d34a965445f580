package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellPredictionTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

  /** The frame header of {@link CodecBytes#HEADER} with sequence {@code sequence} (< 128). */
  private static int[] header(int sequence) {
    int[] h = CodecBytes.HEADER.clone();
    h[14] = sequence;
    return h;
  }

  private static int[] field(int tag, int[]... parts) {
    byte[] body = CodecBytes.bytes(parts);
    int[] out = new int[body.length + 2];
    out[0] = tag;
    out[1] = body.length;
    for (int i = 0; i < body.length; i++) {
      out[i + 2] = body[i] & 0xff;
    }
    return out;
  }

  /**
   * Key frame 6: cells [3300, 3302, 3301] mV and temperatures [250, 251] x 0.1 degC bit-packed;
   * frame 7 predicts cells [3301, 3303, 3301] and the same temperatures from it. Every byte worked
   * out by hand from the layout in telemetry.proto.
   */
  @Test
  void handWrittenKeyAndPredictedFramesDecode() {
    byte[] key = CodecBytes.bytes(field(0x0A, header(6)), field(0x22,
        // 11 cell_mv_packed: n 3 | zigzag(3300) = 6600 = c8 33 | width 3 | +2 -> 4 = 100, -1 -> 1 = 001: 0c
        field(0x5A, new int[] {0x03, 0xC8, 0x33, 0x03, 0x0C}),
        // 12 cell_temp_dc_packed: n 2 | zigzag(250) = 500 = f4 03 | width 2 | +1 -> 2 = 10: 02
        field(0x62, new int[] {0x02, 0xF4, 0x03, 0x02, 0x02})));
    // 13 cell_prediction { 1 reference_back 1 | 2 key_back 1 | 3 mv_residual | 4 temp_dc_residual }
    // mv: change [1, 1, 0], shift = median 1, residuals [0, 0, -1] -> zigzag [0, 0, 1];
    //   n 3 | zigzag(1) = 2 | dense 0 | k 0 | Rice(0) codes 0, 0, 10 -> bits 0 0 1 0 = 0x04
    // temperatures: no change, shift 0; sparse 1 with m = 0 non-zero residuals: 02 00 01 00
    int[] mvResidual = {0x03, 0x02, 0x00, 0x00, 0x04};
    int[] tempResidual = {0x02, 0x00, 0x01, 0x00};
    byte[] predicted = CodecBytes.bytes(field(0x0A, header(7)), field(0x22, field(0x6A,
        new int[] {0x08, 0x01, 0x10, 0x01}, field(0x1A, mvResidual), field(0x22, tempResidual))));

    assertEquals(HexFormat.of().formatHex(CodecBytes.bytes(mvResidual)),
        HexFormat.of().formatHex(ResidualCoding.encode(new long[] {3301, 3303, 3301}, new long[] {3300, 3302, 3301})));
    assertEquals(HexFormat.of().formatHex(CodecBytes.bytes(tempResidual)),
        HexFormat.of().formatHex(ResidualCoding.encode(new long[] {250, 251}, new long[] {250, 251})));

    DecodedFrame alone = TelemetryFrameDecoder.decode(predicted);
    assertEquals(0, alone.cellVoltagesV().length, "without frame 6 the cells of frame 7 are unknown");
    assertFalse(alone.cells().available());
    assertEquals(6, alone.cells().referenceSequence());
    assertTrue(alone.cells().note().contains("frame 6"), alone.cells().note());

    CellChainDecoder chain = new CellChainDecoder(4);
    DecodedFrame first = chain.decode(key);
    assertEquals("KEY", first.cells().kind());
    assertArrayEquals(new double[] {3.300, 3.302, 3.301}, first.cellVoltagesV(), 1e-9);
    DecodedFrame second = chain.decode(predicted);
    assertTrue(second.cells().available());
    assertEquals("PREDICTED", second.cells().kind());
    assertArrayEquals(new double[] {3.301, 3.303, 3.301}, second.cellVoltagesV(), 1e-9);
    assertArrayEquals(new double[] {25.0, 25.1}, second.cellTemperaturesC(), 1e-9);
  }

  @Test
  void residualListsRoundTripWhateverTheirSpread() {
    Random random = new Random(3);
    for (int round = 0; round < 500; round++) {
      int n = random.nextInt(300);
      long[] reference = new long[n];
      long[] values = new long[n];
      double spread = Math.pow(10, random.nextInt(12)) * random.nextDouble();
      for (int i = 0; i < n; i++) {
        reference[i] = 3300 + random.nextInt(200);
        values[i] = reference[i] + (random.nextInt(10) < 3 ? 0 : Math.round(random.nextGaussian() * spread));
      }
      if (n > 0 && round % 7 == 0) {
        values[random.nextInt(n)] = Long.MAX_VALUE / 4;  // a wild value takes the escape
      }
      assertArrayEquals(values, ResidualCoding.decode(ResidualCoding.encode(values, reference), reference),
          "round " + round);
    }
  }

  @Test
  void residualsOfAnyMagnitudeRoundTrip() {
    // zigzag codes of residuals of 2^62 and more have their top bit set: with parameter 0 their
    // quotient is 2^63 or more, which must take the escape like any quotient of 32 or more
    long[] reference = {0, 0, 0, 5};
    long[] values = {Long.MAX_VALUE, Long.MIN_VALUE + 5, 1L << 62, 5};
    assertArrayEquals(values, ResidualCoding.decode(ResidualCoding.encode(values, reference), reference));
  }

  @Test
  void aResidualListIsAsShortAsItsShortestSignLayoutAndRiceParameters() {
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(400);
      long[] reference = new long[n];
      long[] values = new long[n];
      double spread = Math.pow(4, random.nextInt(10)) * random.nextDouble();
      int zeros = random.nextInt(10);
      for (int i = 0; i < n; i++) {
        reference[i] = 3300 + random.nextInt(200);
        values[i] = reference[i] + (random.nextInt(10) < zeros ? 0 : Math.round(random.nextGaussian() * spread));
      }
      if (round % 5 == 0) {
        values[random.nextInt(n)] += 1L << 40;  // an outlier that takes the escape at small parameters
      }
      assertEquals(shortestLength(values, reference), ResidualCoding.encode(values, reference).length,
          "round " + round);
    }
  }

  /**
   * The bytes of the shortest coding the wire rules allow, by trying every sign, layout and Rice
   * parameter 0..20 (a Rice code of u with parameter k: u >> k ones, a zero, the k low bits; 32
   * ones and the 64 bits when u >> k is 32 or more): count and shift varints, the mode byte, then
   * dense (a parameter byte and every residual) or sparse (a varint of the non-zero count, two
   * parameter bytes when there are any, and the gap before and size less one of each non-zero).
   */
  private static long shortestLength(long[] values, long[] reference) {
    int n = values.length;
    long[] change = new long[n];
    for (int i = 0; i < n; i++) {
      change[i] = values[i] - reference[i];
    }
    long[] sorted = change.clone();
    java.util.Arrays.sort(sorted);
    long shift = sorted[n / 2];
    long fewestBits = Long.MAX_VALUE;
    for (int sign : new int[] {1, -1}) {
      List<Long> all = new ArrayList<>();
      List<Long> gaps = new ArrayList<>();
      List<Long> sizes = new ArrayList<>();
      long run = 0;
      for (long c : change) {
        long u = ResidualCoding.zigzag(sign * (c - shift));
        all.add(u);
        if (u == 0) {
          run++;
        } else {
          gaps.add(run);
          sizes.add(u - 1);
          run = 0;
        }
      }
      long dense = 8 + fewestRiceBits(all);
      long sparse = 8L * varintBytes(gaps.size()) + (gaps.isEmpty() ? 0 : 16 + fewestRiceBits(gaps)
          + fewestRiceBits(sizes));
      fewestBits = Math.min(fewestBits, Math.min(dense, sparse));
    }
    return varintBytes(n) + varintBytes(ResidualCoding.zigzag(shift)) + 1 + (fewestBits + 7) / 8;
  }

  private static long fewestRiceBits(List<Long> list) {
    long fewest = Long.MAX_VALUE;
    for (int k = 0; k <= 20; k++) {
      long bits = 0;
      for (long u : list) {
        bits += Long.compareUnsigned(u >>> k, 32) >= 0 ? 32 + 64 : (u >>> k) + 1 + k;
      }
      fewest = Math.min(fewest, bits);
    }
    return fewest;
  }

  private static int varintBytes(long v) {
    int bytes = 1;
    while ((v >>>= 7) != 0) {
      bytes++;
    }
    return bytes;
  }

  @Test
  void truncatedOrForeignResidualsAreRejectedNotMisread() {
    byte[] good = ResidualCoding.encode(new long[] {5, 9, 7, 30}, new long[] {1, 2, 3, 4});
    long[] reference = {1, 2, 3, 4};
    assertThrows(IllegalArgumentException.class,
        () -> ResidualCoding.decode(java.util.Arrays.copyOf(good, good.length - 1), reference));
    assertThrows(IllegalArgumentException.class, () -> ResidualCoding.decode(good, new long[] {1, 2, 3}),
        "a reference of another length");
    assertThrows(IllegalArgumentException.class, () -> ResidualCoding.decode(new byte[] {4, 0, 9}, reference),
        "an unknown mode");
  }

  /** Frames of a pack whose cells wander by whole millivolts, 216 cells, four drives. */
  private static List<TelemetryFrame> frames(CellPredictor predictor, int count, long firstSequence) {
    Random noise = new Random(5);
    List<TelemetryFrame> out = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      Snapshot base = Snapshots.of(1_000_000_000L * (f + 1), T0.plusSeconds(f), 3.3, 100 + f, 20, 4);
      PackReadings p = base.pack();
      double[] cells = p.cellVoltagesV().clone();
      for (int i = 0; i < cells.length; i++) {
        cells[i] = Math.round((cells[i] - f * 0.0004) * 1000 + noise.nextGaussian() * 0.3) / 1000.0;
      }
      PackReadings noisy = new PackReadings(p.voltageV(), p.currentA(), cells, p.cellVoltageFlags(),
          p.cellTemperaturesC(), p.cellTemperatureFlags(), p.bmsSocPercent(), p.bmsSohPercent(), p.insulationKohm(),
          p.contactor(), p.balancing(), p.stringsParallel());
      Snapshot s = new Snapshot(base.monotonicNanos(), base.utc(), base.clock(), noisy, base.drives(), base.genset(),
          base.motion());
      Estimates e = new Estimates(62.4, 1.5, 97.0, CellStats.of(noisy), 1500, 200, 3000, 400, 0,
          Optional.empty(), -1200, List.of(), List.of(), EnergyTotals.zero(), true);
      out.add(TelemetryFrameEncoder.encode(new HeaderFields("KZ1", 42, firstSequence + f, s.utc(),
          ClockQuality.SYNCED), List.of(s), e, predictor));
    }
    return out;
  }

  @Test
  void predictedFramesDecodeToTheSameValuesAsKeyFramesInUnderTwoBitsACell() {
    List<TelemetryFrame> keys = frames(CellPredictor.keyFramesOnly(), 40, 100);
    List<TelemetryFrame> predicted = frames(new CellPredictor(30), 40, 100);
    CellChainDecoder chain = new CellChainDecoder(4);
    for (int i = 0; i < keys.size(); i++) {
      DecodedFrame expected = TelemetryFrameDecoder.decode(keys.get(i));
      DecodedFrame actual = chain.decode(predicted.get(i));
      assertArrayEquals(expected.cellVoltagesV(), actual.cellVoltagesV(), "frame " + i);
      assertArrayEquals(expected.cellTemperaturesC(), actual.cellTemperaturesC(), "frame " + i);
      for (int d = 0; d < 4; d++) {
        var want = expected.drives().get(d);
        var got = actual.drives().get(d);
        assertArrayEquals(new double[] {want.dcLinkV(), want.windingC(), want.bearingC(), want.inverterC(),
            want.coolantC()}, new double[] {got.dcLinkV(), got.windingC(), got.bearingC(), got.inverterC(),
            got.coolantC()}, "frame " + i + " drive " + d);
      }
      assertEquals(i % 30 == 0 ? "KEY" : "PREDICTED", actual.cells().kind(), "a key frame first, then every 30");
      if (i % 30 != 0) {
        // the change of a whole-mV reading under 0.3 mV noise is 0 or +-1 nearly always: under 2 bits a cell
        int mvBytes = predicted.get(i).getBattery().getCellPrediction().getMvResidual().size();
        assertTrue(mvBytes <= 216 * 2 / 8 + 8, "frame " + i + ": " + mvBytes + " B for 216 predicted cells");
      }
    }
  }

  @Test
  void aLostFrameCostsTheCellsUpToTheNextKeyFrameAndNothingElse() {
    List<TelemetryFrame> sent = frames(new CellPredictor(10), 25, 500);
    CellChainDecoder chain = new CellChainDecoder(4);
    for (int i = 0; i < sent.size(); i++) {
      if (i == 4) {
        continue;  // frame 504 never arrives
      }
      DecodedFrame f = chain.decode(sent.get(i));
      boolean cut = i > 4 && i < 10;
      assertEquals(!cut, f.cells().available(), "frame " + f.sequence());
      assertEquals(cut ? 0 : 216, f.cellVoltagesV().length, "frame " + f.sequence());
      assertEquals(1, f.packCurrentA().length, "every other value of the frame decodes");
      assertEquals(216 * 3.3, f.packVoltageV()[0], 0.01);
      assertTrue(f.state().cellMinV() > 3.2, "the cell statistics travel in every frame");
      if (cut) {
        assertEquals(f.sequence() - 1, f.cells().referenceSequence());
        assertEquals(500, f.cells().keySequence());
        assertTrue(Double.isNaN(f.drives().get(0).windingC()), "drive temperatures travel with the cells");
      }
    }
  }

  @Test
  void aBacklogArrivingAfterTheLiveFramesStillDecodes() {
    List<TelemetryFrame> sent = frames(new CellPredictor(30), 12, 900);
    CellChainDecoder chain = new CellChainDecoder(4);
    for (int i = 0; i < 4; i++) {
      assertTrue(chain.decode(sent.get(i)).cells().available());
    }
    // outage: 904..907 journaled; the link comes back with 908.. live first, then the backlog
    for (int i = 8; i < 12; i++) {
      assertFalse(chain.decode(sent.get(i)).cells().available(), "live frame " + (900 + i) + " needs the backlog");
    }
    for (int i = 4; i < 8; i++) {
      assertTrue(chain.decode(sent.get(i)).cells().available(), "backlog frame " + (900 + i));
    }
  }

  @Test
  void aCorruptPredictionIsAClearError() {
    List<TelemetryFrame> sent = frames(new CellPredictor(30), 2, 10);
    TelemetryFrame bad = sent.get(1).toBuilder().setBattery(sent.get(1).getBattery().toBuilder().setCellPrediction(
        sent.get(1).getBattery().getCellPrediction().toBuilder().setMvResidual(com.google.protobuf.ByteString.copyFrom(
            new byte[] {(byte) 0xD8, 0x01, 0x00, 0x00})))).build();
    CellChainDecoder chain = new CellChainDecoder(4);
    chain.decode(sent.get(0));
    MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> chain.decode(bad));
    assertTrue(e.getMessage().contains("frame 11"), e.getMessage());
  }

  @Test
  void resetMakesTheNextFrameAKeyFrame() {
    CellPredictor predictor = new CellPredictor(30);
    List<TelemetryFrame> first = frames(predictor, 3, 1);
    predictor.reset();
    List<TelemetryFrame> after = frames(predictor, 1, 4);
    assertTrue(first.get(2).getBattery().hasCellPrediction());
    assertFalse(after.get(0).getBattery().hasCellPrediction());
    assertEquals(216, TelemetryFrameDecoder.decode(after.get(0)).cellVoltagesV().length);
  }
}
