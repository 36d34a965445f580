package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.proto.v1.Status;
import io.locolink.proto.v1.TripSummary;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Every decoder the ground uses, fed foreign bytes and damaged real messages: each either decodes
 * or throws its one documented exception with a message; nothing else escapes.
 */
class DecoderFuzzTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

  /** A real telemetry frame: 10 samples of a 216-cell pack and two drives. */
  static final byte[] FRAME = frame();

  private static byte[] frame() {
    List<Snapshot> samples = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      samples.add(Snapshots.of(i * 100_000_000L, T0.plusMillis(i * 100L), 3.3 + i * 0.001, 100 - i, 10 + i, 2));
    }
    Estimates e = new Estimates(50, 1, 100, CellStats.of(samples.getLast().pack()), 0, 0, 0, 0, 0, Optional.empty(),
        0, List.of(), List.of(), EnergyTotals.zero(), true);
    return TelemetryFrameEncoder.encode(new HeaderFields("KZ1", 7, 42, T0, ClockQuality.SYNCED), samples, e)
        .toByteArray();
  }

  /** Decodes with every ground decoder; fails on anything but the documented error. */
  static void decodeAll(byte[] bytes) {
    try {
      TelemetryFrameDecoder.decode(bytes);
    } catch (MalformedMessageException e) {
      assertFalse(e.getMessage().isBlank());
    }
    try {
      AlarmCodec.decode(bytes);
    } catch (MalformedMessageException e) {
      assertFalse(e.getMessage().isBlank());
    }
    try {
      EnergyRecordCodec.decode(bytes);
    } catch (MalformedMessageException e) {
      assertFalse(e.getMessage().isBlank());
    }
    try {
      Status.parseFrom(bytes);
      TripSummary.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Property(tries = 400)
  void foreignBytes(@ForAll @Size(max = 1024) byte[] bytes) {
    decodeAll(bytes);
  }

  @Property(tries = 400)
  void damagedFrames(@ForAll("damaged") byte[] bytes) {
    decodeAll(bytes);
  }

  /** A real frame with bytes overwritten, cut short, or a stretch repeated. */
  @Provide
  Arbitrary<byte[]> damaged() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, FRAME.length - 1);
    Arbitrary<byte[]> flipped = Combinators.combine(at, Arbitraries.bytes(), Arbitraries.integers().between(1, 8))
        .as((p, b, n) -> {
          byte[] out = FRAME.clone();
          for (int i = 0; i < n && p + i < out.length; i++) {
            out[p + i] ^= (byte) (b | 1);
          }
          return out;
        });
    Arbitrary<byte[]> cut = at.map(p -> java.util.Arrays.copyOf(FRAME, p));
    Arbitrary<byte[]> repeated = Combinators.combine(at, at).as((a, b) -> {
      int from = Math.min(a, b);
      int to = Math.max(a, b);
      byte[] out = new byte[FRAME.length + (to - from)];
      System.arraycopy(FRAME, 0, out, 0, to);
      System.arraycopy(FRAME, from, out, to, FRAME.length - from);
      return out;
    });
    return Arbitraries.oneOf(flipped, cut, repeated);
  }
}
