package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Frames stay under the size bound by splitting, and no sample is lost or altered by the split. */
class BoundedFrameEncoderTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

  /** {@code n} samples 100 ms apart with a pack current that jumps at random (poor delta coding). */
  private static List<Snapshot> samples(int n) {
    SplittableRandom random = new SplittableRandom(3);
    List<Snapshot> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double currentA = Math.round(random.nextDouble(-800, 800) * 10) / 10.0;
      out.add(Snapshots.of(1_000_000_000L + i * 100_000_000L, T0.plusMillis(i * 100L), 3.3, currentA, 20, 4));
    }
    return out;
  }

  private static Estimates estimates(Snapshot last) {
    return new Estimates(62.4, 1.5, 97.0, CellStats.of(last.pack()), 1500, 200, 3000, 400, 0,
        Optional.empty(), -1200, List.of(), List.of(), EnergyTotals.zero(), true);
  }

  @Test
  void aFrameOverTheBoundIsSplitIntoFramesUnderItWithEverySampleOnce() {
    List<Snapshot> in = samples(1200);  // two minutes at 10 Hz
    int maxBytes = 2048;
    long[] next = {7};
    BoundedFrameEncoder encoder = new BoundedFrameEncoder(maxBytes, new CellPredictor(30));
    List<BoundedFrameEncoder.Frame> frames = encoder.encode(header(next[0], in.get(0)), in, estimates(in.getLast()),
        s -> header(++next[0], s));

    int unsplit = TelemetryFrameEncoder.encode(header(7, in.get(0)), in, estimates(in.getLast())).getSerializedSize();
    assertTrue(unsplit > maxBytes, "the test needs a frame over the bound, got " + unsplit);
    assertTrue(frames.size() >= unsplit / maxBytes, frames.size() + " frames");
    List<Long> times = new ArrayList<>();
    List<Double> currents = new ArrayList<>();
    long expectedSequence = 7;
    for (BoundedFrameEncoder.Frame f : frames) {
      assertTrue(f.bytes().length <= maxBytes, f.bytes().length + " bytes");
      DecodedFrame d = TelemetryFrameDecoder.decode(f.bytes());
      assertEquals(expectedSequence++, d.sequence(), "consecutive sequence numbers, in storing order");
      assertEquals(f.sequence(), d.sequence());
      for (int i = 0; i < d.sampleOffsetMs().length; i++) {
        times.add(d.timeUnixMs() + d.sampleOffsetMs()[i]);
        currents.add(d.packCurrentA()[i]);
      }
    }
    assertEquals(in.size(), times.size(), "every sample once");
    for (int i = 0; i < in.size(); i++) {
      assertEquals(T0.toEpochMilli() + i * 100L, times.get(i), "sample " + i + " time");
      assertEquals(in.get(i).pack().currentA().value(), currents.get(i), 0.05, "sample " + i + " current");
    }
    assertEquals(frames.size() - 1, encoder.splits());
  }

  @Test
  void aFrameUnderTheBoundIsTheSameBytesAsWithoutTheBound() {
    List<Snapshot> in = samples(10);
    BoundedFrameEncoder encoder = new BoundedFrameEncoder(FramingConfig.DEFAULT_MAX_MESSAGE_BYTES, new CellPredictor(30));
    List<BoundedFrameEncoder.Frame> frames = encoder.encode(header(7, in.get(0)), in, estimates(in.getLast()),
        s -> {
          throw new AssertionError("no second frame expected");
        });
    assertEquals(1, frames.size());
    byte[] plain = TelemetryFrameEncoder.encode(header(7, in.get(0)), in, estimates(in.getLast()),
        new CellPredictor(30)).toByteArray();
    assertArrayEquals(plain, frames.get(0).bytes());
    assertEquals(0, encoder.splits());
  }

  private static HeaderFields header(long sequence, Snapshot first) {
    return new HeaderFields("KZ1", 42, sequence, first.utc(), ClockQuality.SYNCED);
  }
}
