package io.locolink.ground.ingest;

import java.sql.SQLException;
import java.util.List;

/**
 * The telemetry frames already stored, as a decoder asks for them when a frame's cells were
 * predicted from a frame it never saw: on a shared subscription the broker hands a locomotive's
 * frames to the station instances in turn, so the reference frame is often in another instance's
 * hands, and, once committed, in the database.
 */
@FunctionalInterface
public interface StoredFrames {

  /** No store to ask: a frame whose reference this decoder did not see decodes without its cells. */
  StoredFrames NONE = (locomotive, bootId, fromSequence, toSequence, timeMs) -> List.of();

  /**
   * The raw telemetry payloads of one locomotive's boot with sequence numbers in
   * {@code [fromSequence, toSequence]}, in sequence order; those not (yet) stored are left out.
   *
   * @param timeMs the header time of the frame asking (the frames sought are at most an hour older)
   */
  List<byte[]> telemetry(String locomotive, long bootId, long fromSequence, long toSequence, long timeMs)
      throws SQLException;
}
