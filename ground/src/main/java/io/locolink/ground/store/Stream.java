package io.locolink.ground.store;

/** The message streams of the wire contract, with the code the store keeps for each. */
public enum Stream {
  TELEMETRY(1),
  ENERGY(2),
  ALARM(3),
  STATUS(4),
  TRIP(5);

  private final int code;

  Stream(int code) {
    this.code = code;
  }

  /** The number stored in {@code raw_message.stream}. */
  public int code() {
    return code;
  }

  /** True for streams whose messages take a number of the locomotive's sequence (all but status). */
  public boolean sequenced() {
    return this != STATUS;
  }
}
