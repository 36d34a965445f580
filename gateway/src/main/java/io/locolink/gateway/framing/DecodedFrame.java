package io.locolink.gateway.framing;

import java.util.List;

/**
 * A telemetry frame with its delta coding and scaling undone: values in SI-ish units, ready for
 * people (the ground's watch view, decode's JSON). {@code cellVoltagesV} and
 * {@code cellTemperaturesC} are empty when the frame's cells could not be decoded;
 * {@code cells} says why and when they come back, and {@code state} still holds the cell statistics.
 */
public record DecodedFrame(
    String locomotiveId,
    long bootId,
    long sequence,
    long timeUnixMs,
    String clock,
    boolean historical,
    int spanMs,
    long[] sampleOffsetMs,
    double[] packVoltageV,
    double[] packCurrentA,
    double[] cellVoltagesV,
    double[] cellTemperaturesC,
    double bmsSocPercent,
    double bmsSohPercent,
    long insulationKohm,
    String contactor,
    List<Drive> drives,
    Genset genset,
    double[] speedKmh,
    long odometerM,
    Position position,
    State state,
    List<Quality> quality,
    CellSource cells) {

  /** One traction drive. */
  public record Drive(int index, double[] currentA, double[] speedRpm, double dcLinkV, double windingC,
      double bearingC, double inverterC, double coolantC) {}

  /** The genset; null in {@link DecodedFrame#genset()} when the frame has none. */
  public record Genset(boolean running, int engineRpm, double powerKw, double fuelFlowLph, double fuelUsedL,
      double coolantC) {}

  /** Last GNSS fix; null when the frame has none. */
  public record Position(double latitudeDeg, double longitudeDeg, long fixAgeMs, int fixQuality, int satellites) {}

  /**
   * The gateway's estimates at frame end. The cell voltages' extremes and mean are NaN, and their
   * indexes -1, when the frame had no good cell voltage; the temperature extremes are NaN when it had
   * no good temperature sensor.
   */
  public record State(double socPercent, double socUncertaintyPercent, double sohPercent,
      double cellMinV, int cellMinIndex, double cellMaxV, int cellMaxIndex, double cellMeanV,
      double cellMinTempC, double cellMaxTempC, long tripConsumedWh, long tripRegeneratedWh,
      long todayConsumedWh, long todayRegeneratedWh, int activeAlarms, int highestAlarmTier,
      long co2AvoidedTodayG) {}

  /**
   * A run of {@code count} channels from {@code index} with flagged samples, and the names of the
   * flags; {@code index} and {@code count} are unsigned (the wire's uint32), and the decoder writes
   * the wire's count of 0 (just {@code index}) as 1. {@link FlaggedValues} says which values it covers.
   */
  public record Quality(String channel, int index, int count, List<String> flags) {}

  /** Latest pack voltage in the frame, volts. */
  public double lastPackVoltageV() {
    return packVoltageV.length == 0 ? Double.NaN : packVoltageV[packVoltageV.length - 1];
  }

  /** Latest pack current in the frame, amperes, positive when discharging. */
  public double lastPackCurrentA() {
    return packCurrentA.length == 0 ? Double.NaN : packCurrentA[packCurrentA.length - 1];
  }

  /** Latest wheel speed in the frame, km/h. */
  public double lastSpeedKmh() {
    return speedKmh.length == 0 ? Double.NaN : speedKmh[speedKmh.length - 1];
  }
}
