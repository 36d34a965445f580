package io.locolink.ground.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetStateTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

  private static GroundSubscriber.Received frame(long bootId, long sequence) {
    Snapshot s = Snapshots.of(1_000_000_000L, T0, 3.3, 100, 10, 1);
    Estimates e = new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0,
        List.of(), List.of());
    byte[] bytes = TelemetryFrameEncoder.encode(new HeaderFields("KZ1", bootId, sequence, T0, ClockQuality.SYNCED),
        List.of(s), e).toByteArray();
    return new GroundSubscriber.Received("KZ1", StreamKind.TELEMETRY, bytes, 0);
  }

  @Test
  void aHoleInOneBootIsCountedButTheJumpToANewBootIsNot() {
    FleetState state = new FleetState();
    state.accept(frame(1, 10));
    state.accept(frame(1, 11));
    state.accept(frame(1, 14));        // 12 and 13 missing
    state.accept(frame(2, 10_014));    // restart: the journal resumes a block higher
    state.accept(frame(2, 10_015));
    assertEquals(2, state.snapshot().get("KZ1").gaps);
    assertEquals(5, state.snapshot().get("KZ1").messages);
  }
}
