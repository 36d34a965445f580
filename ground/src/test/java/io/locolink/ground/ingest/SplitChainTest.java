package io.locolink.ground.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.CellPredictor;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.LocomotiveIds;
import io.locolink.ground.store.Partitions;
import io.locolink.ground.store.RawFrames;
import io.locolink.ground.store.StationDatabase;
import io.locolink.ground.testing.Sql;
import io.locolink.ground.testing.TestPostgres;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two station instances on one shared subscription get a locomotive's frames in turn, but its
 * gateway predicts each frame's cells and drive temperatures from the previous frame (a key frame
 * every fourth). An instance missing the reference reads the chain back from the store, so every
 * per-second row carries the drives' temperatures; without the store, the predicted frames lose them.
 */
class SplitChainTest {

  private static final long T0 = Instant.parse("2026-06-01T08:00:00Z").toEpochMilli();
  private static final int FRAMES = 12;

  private static byte[][] frames(String loco) {
    CellPredictor predictor = new CellPredictor(4);
    byte[][] out = new byte[FRAMES][];
    for (int i = 0; i < FRAMES; i++) {
      Instant t = Instant.ofEpochMilli(T0 + i * 1000L);
      Snapshot s = Snapshots.of(i * 1_000_000_000L, t, 3.30 + i * 0.001, 100, 10, 2);
      Estimates e = new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0,
          List.of(), List.of(), EnergyTotals.zero(), true);
      out[i] = TelemetryFrameEncoder.encode(new HeaderFields(loco, 3, 100 + i, t, ClockQuality.SYNCED), List.of(s),
          e, predictor).toByteArray();
    }
    return out;
  }

  /** Stores the frames alternately through two decoders, each batch committed before the next frame. */
  private static void ingestSplit(StationDatabase db, String loco, StoredFrames a, StoredFrames b) throws Exception {
    MessageDecoder[] instances = {new MessageDecoder(65_536, a), new MessageDecoder(65_536, b)};
    BatchWriter writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions());
    byte[][] frames = frames(loco);
    for (int i = 0; i < FRAMES; i++) {
      var outcome = instances[i % 2].decode("locolink/v1/" + loco + "/telemetry", frames[i], T0 + i * 1000L);
      writer.write(List.of(((MessageDecoder.Accepted) outcome).message()), List.of());
    }
  }

  /** Rows with the snapshots' drive temperatures: windings 80 and 81 degC (hottest 810 in 0.1 degC), inverters 55, bearings 45. */
  private static long rowsWithDriveTemperatures(StationDatabase db, String loco) {
    return Sql.count(db.dataSource(), "SELECT count(*) FROM frame_second f JOIN locomotive l ON l.id = "
        + "f.locomotive_id WHERE l.name = '" + loco + "' AND f.winding_max_dc = 810 AND f.inverter_max_dc = 550 "
        + "AND f.bearing_max_dc = 450");
  }

  @Test
  void anInstanceMissingTheReferenceFrameReadsTheChainFromTheStore() throws Exception {
    try (StationDatabase db = StationDatabase.server(TestPostgres.freshDatabase(), "postgres", null)) {
      RawFrames raw = new RawFrames(db.dataSource());
      ingestSplit(db, "SC-1", raw::telemetry, raw::telemetry);
      assertEquals(FRAMES, rowsWithDriveTemperatures(db, "SC-1"));

      // The same without the store: with frames handed out in turn, each predicted frame's reference
      // went to the other instance, so only the key frames (every fourth: 3 of 12) keep them.
      ingestSplit(db, "SC-2", StoredFrames.NONE, StoredFrames.NONE);
      assertEquals(3, rowsWithDriveTemperatures(db, "SC-2"));
    }
  }
}
