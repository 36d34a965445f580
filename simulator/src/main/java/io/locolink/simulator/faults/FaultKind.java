package io.locolink.simulator.faults;

/** What a fault does, and the spec word that names it. */
public enum FaultKind {
  /** The target I2C/SPI device (Pi4J id, e.g. pack-shunt) does not acknowledge. */
  NACK("nack"),
  /** The target channel (e.g. pack-shunt.current) freezes at its value when the fault starts. */
  STUCK("stuck"),
  /** The target channel gets Gaussian noise of {@code magnitude} (its unit) on top. */
  NOISY("noisy"),
  /** The BMS answers with a corrupted CRC. */
  BMS_CRC("bms-crc"),
  /** The BMS does not answer at all. */
  BMS_SILENCE("bms-silence"),
  /** The GNSS receiver loses its fix (sentences keep coming, without a position). */
  GNSS_LOSS("gnss-loss"),
  /** The GNSS position jumps by {@code magnitude} metres north. */
  GNSS_JUMP("gnss-jump"),
  /** Cell {@code target} reads {@code magnitude} volts per second higher the longer it lasts. */
  CELL_DRIFT("cell-drift"),
  /** Temperature sensor {@code target} (bms.temp[N] or an RTD's Pi4J id) is open. */
  DEAD_SENSOR("dead-sensor"),
  /**
   * A leak of {@code magnitude} ohms from the DC bus to chassis: a fault of the physics, applied to
   * the model through {@link FaultInjector#modelFaults()}.
   */
  INSULATION_LEAK("insulation-leak"),
  /**
   * The target channel reads {@code magnitude} (its unit) off its true value, e.g. a BMS whose own
   * state-of-charge estimate has drifted ({@code offset:bms.soc=-25}, percent).
   */
  OFFSET("offset");

  private final String word;

  FaultKind(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** The kind named {@code word} in a spec. */
  public static FaultKind ofWord(String word) {
    for (FaultKind kind : values()) {
      if (kind.word.equals(word)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown fault '" + word + "'");
  }
}
