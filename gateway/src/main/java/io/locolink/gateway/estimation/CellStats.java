package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.QualityFlag;

/**
 * Minimum, maximum and mean over the pack's good cell readings, and which cell holds each extreme.
 * Cells whose reading is flagged are left out; with no good cell the statistic is {@code NaN}
 * and its index -1.
 */
public record CellStats(
    double minV,
    int minIndex,
    double maxV,
    int maxIndex,
    double meanV,
    double minTempC,
    int minTempIndex,
    double maxTempC,
    int maxTempIndex) {

  /** Cell voltage spread (max - min), volts. */
  public double spreadV() {
    return maxV - minV;
  }

  /** Cell temperature spread (max - min), degrees Celsius. */
  public double tempSpreadC() {
    return maxTempC - minTempC;
  }

  /** Statistics over the good cells of {@code pack}. */
  public static CellStats of(PackReadings pack) {
    Extremes volts = Extremes.over(pack.cellVoltagesV(), pack.cellVoltageFlags());
    Extremes temps = Extremes.over(pack.cellTemperaturesC(), pack.cellTemperatureFlags());
    return new CellStats(
        volts.min, volts.minIndex, volts.max, volts.maxIndex, volts.mean,
        temps.min, temps.minIndex, temps.max, temps.maxIndex);
  }

  private record Extremes(double min, int minIndex, double max, int maxIndex, double mean) {
    static Extremes over(double[] values, int[] flags) {
      double min = Double.NaN;
      double max = Double.NaN;
      int minIndex = -1;
      int maxIndex = -1;
      double sum = 0;
      int good = 0;
      for (int i = 0; i < values.length; i++) {
        if (flags[i] != 0 && !onlyUnsynced(flags[i])) {
          continue;
        }
        double v = values[i];
        if (good == 0 || v < min) {
          min = v;
          minIndex = i;
        }
        if (good == 0 || v > max) {
          max = v;
          maxIndex = i;
        }
        sum += v;
        good++;
      }
      return new Extremes(min, minIndex, max, maxIndex, good == 0 ? Double.NaN : sum / good);
    }

    private static boolean onlyUnsynced(int flags) {
      return flags == QualityFlag.UNSYNCED_CLOCK.bit();
    }
  }
}
