package io.locolink.gateway.journal;

/**
 * What the journal found on open.
 *
 * @param records valid records indexed, all streams
 * @param damagedRegions stretches in the middle of a segment that failed their checksum and were
 *     skipped (each usually one record)
 * @param damagedBytes bytes in those stretches
 * @param tornTails segment tails that were incomplete or corrupt and cut
 * @param tornTailBytes bytes cut from those tails
 * @param cursorRecovered false when the acknowledgement cursor was missing or unreadable (the
 *     records are then all sent again; the ground sees duplicates, never a loss)
 * @param sequenceFloorRecovered false when the sequence floor file was damaged, or missing while
 *     records were held (the sequence then resumes a whole reservation block above the highest
 *     sequence on disk, so it does not repeat)
 */
public record RecoveryReport(long records, long damagedRegions, long damagedBytes, long tornTails,
    long tornTailBytes, boolean cursorRecovered, boolean sequenceFloorRecovered) {

  /** True when nothing was cut or skipped. */
  public boolean clean() {
    return damagedRegions == 0 && tornTails == 0;
  }

  /** Collects counts while the lanes are scanned. Not thread-safe. */
  static final class Builder {
    private long records;
    private long damagedRegions;
    private long damagedBytes;
    private long tornTails;
    private long tornTailBytes;
    private boolean cursorRecovered = true;
    private boolean sequenceFloorRecovered = true;

    void records(long n) {
      records += n;
    }

    void damaged(long bytes) {
      damagedRegions++;
      damagedBytes += bytes;
    }

    void tornTail(long bytes) {
      tornTails++;
      tornTailBytes += bytes;
    }

    void cursorLost() {
      cursorRecovered = false;
    }

    void sequenceFloorLost() {
      sequenceFloorRecovered = false;
    }

    RecoveryReport build() {
      return new RecoveryReport(records, damagedRegions, damagedBytes, tornTails, tornTailBytes, cursorRecovered,
          sequenceFloorRecovered);
    }
  }
}
