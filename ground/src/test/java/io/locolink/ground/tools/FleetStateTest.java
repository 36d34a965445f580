package io.locolink.ground.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.CellPredictor;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Status;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetStateTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

  private static GroundSubscriber.Received frame(long bootId, long sequence) {
    return frame(bootId, sequence, CellPredictor.keyFramesOnly(), 3.3);
  }

  private static GroundSubscriber.Received frame(long bootId, long sequence, CellPredictor cells, double cellV) {
    Snapshot s = Snapshots.of(1_000_000_000L, T0, cellV, 100, 10, 1);
    Estimates e = new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0,
        List.of(), List.of(), EnergyTotals.zero(), true);
    byte[] bytes = TelemetryFrameEncoder.encode(new HeaderFields("KZ1", bootId, sequence, T0, ClockQuality.SYNCED),
        List.of(s), e, cells).toByteArray();
    return new GroundSubscriber.Received("KZ1", StreamKind.TELEMETRY, bytes, 0);
  }

  @Test
  void predictedCellsDecodeAndAMissedFrameIsNamedInTheViewUntilTheNextKeyFrame() {
    FleetState state = new FleetState();
    CellPredictor cells = new CellPredictor(4);
    state.accept(frame(1, 20, cells, 3.300));  // key frame
    state.accept(frame(1, 21, cells, 3.301));
    assertEquals(3.301, state.snapshot().get("KZ1").frame.cellVoltagesV()[0], 1e-9);
    frame(1, 22, cells, 3.302);                // lost on the way
    state.accept(frame(1, 23, cells, 3.303));
    String panel = Views.panel("KZ1", state.snapshot().get("KZ1"), 0);
    assertTrue(panel.contains("predicted from frame 22"), panel);
    assertEquals(0, state.snapshot().get("KZ1").frame.cellVoltagesV().length);
    state.accept(frame(1, 24, cells, 3.304));  // the next key frame (every 4th)
    assertEquals(3.304, state.snapshot().get("KZ1").frame.cellVoltagesV()[0], 1e-9);
    assertFalse(Views.panel("KZ1", state.snapshot().get("KZ1"), 0).contains("unavailable"));
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

  private static GroundSubscriber.Received status(long bootId, long previousBoot, long previousLast, long first) {
    byte[] bytes = Status.newBuilder().setHeader(Header.newBuilder().setLocomotiveId("KZ1").setBootId(bootId))
        .setPreviousBootId(previousBoot).setPreviousBootLastSequence(previousLast).setBootFirstSequence(first)
        .build().toByteArray();
    return new GroundSubscriber.Received("KZ1", StreamKind.STATUS, bytes, 0);
  }

  @Test
  void theNewBootsStatusClosesTheOldBootsCountAndOpensItsOwn() {
    FleetState state = new FleetState();
    state.accept(frame(1, 10));
    state.accept(frame(1, 11));
    state.accept(frame(1, 14));        // 12 and 13 missing
    state.accept(status(2, 1, 16, 10_017)); // boot 1 appended up to 16: 15 and 16 missing too
    state.accept(frame(2, 10_018));    // 10 017 missing; 14..10 016 is the deliberate jump
    assertEquals(5, state.snapshot().get("KZ1").gaps, "12, 13, 15, 16 and 10 017");
    state.accept(frame(1, 15));        // the old boot's backlog arrives late
    state.accept(frame(2, 10_017));
    assertEquals(3, state.snapshot().get("KZ1").gaps, "12, 13 and 16 remain missing");
    state.accept(frame(2, 10_017));
    assertEquals(1, state.snapshot().get("KZ1").duplicates);
  }

  @Test
  void thePanelShowsMessagesTheGatewaySetAsideAndWhy() {
    FleetState state = new FleetState();
    state.accept(frame(1, 10));
    assertFalse(Views.panel("KZ1", state.snapshot().get("KZ1"), 0).contains("Set aside"), "nothing set aside yet");
    byte[] bytes = Status.newBuilder().setHeader(Header.newBuilder().setLocomotiveId("KZ1").setBootId(1))
        .setSetAsideMessages(2).setLastSetAsideReason("3 times in a row, last: refused: 0x87 (not authorised)")
        .build().toByteArray();
    state.accept(new GroundSubscriber.Received("KZ1", StreamKind.STATUS, bytes, 0));
    String panel = Views.panel("KZ1", state.snapshot().get("KZ1"), 0);
    assertTrue(panel.contains("Set aside") && panel.contains("2 message(s)") && panel.contains("0x87"), panel);
  }

  @Test
  void aStatusNamingABootTheWatchNeverSawStartsNoCount() {
    FleetState state = new FleetState();
    state.accept(status(2, 1, 16, 10_017)); // the watch joined during boot 2
    state.accept(frame(2, 10_500));
    state.accept(frame(2, 10_501));
    assertEquals(0, state.snapshot().get("KZ1").gaps, "what came before the watch joined is not counted");
  }
}
