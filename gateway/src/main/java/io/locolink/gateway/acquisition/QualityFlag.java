package io.locolink.gateway.acquisition;

/** Why a sample is not fully trustworthy; each flag is one bit of a sample's quality mask. */
public enum QualityFlag {
  BUS_ERROR(1),
  TIMEOUT(2),
  CHECKSUM(3),
  OUT_OF_RANGE(4),
  RATE_OF_CHANGE(5),
  STUCK(6),
  STALE(7),
  DEVICE_OFFLINE(8),
  SENSOR_INVALID(9),
  UNSYNCED_CLOCK(10);

  private final int bitPosition;

  QualityFlag(int bitPosition) {
    this.bitPosition = bitPosition;
  }

  /** The mask bit of this flag; positions match the wire contract's QualityFlag numbers. */
  public int bit() {
    return 1 << bitPosition;
  }

  /** True when {@code mask} has this flag set. */
  public boolean in(int mask) {
    return (mask & bit()) != 0;
  }

  /** The mask with all the given flags set. */
  public static int mask(QualityFlag... flags) {
    int mask = 0;
    for (QualityFlag flag : flags) {
      mask |= flag.bit();
    }
    return mask;
  }
}
