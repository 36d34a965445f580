package io.locolink.gateway.estimation;

/**
 * How the pack's cells are connected.
 *
 * @param cellsInSeries series cells per string (the pack voltage is their sum)
 * @param stringsParallel parallel strings
 */
public record PackTopology(int cellsInSeries, int stringsParallel) {

  /** LFP cell voltage above which the pack is over-voltage, volts. */
  public static final double CELL_MAX_V = 3.65;
  /** LFP cell cut-off voltage, volts. */
  public static final double CELL_MIN_V = 2.50;

  public PackTopology {
    if (cellsInSeries < 1) {
      throw new IllegalArgumentException("cellsInSeries must be >= 1, got " + cellsInSeries);
    }
    if (stringsParallel < 1) {
      throw new IllegalArgumentException("stringsParallel must be >= 1, got " + stringsParallel);
    }
  }

  /** The reference shunter's pack: 216 cells in series, 5 strings. */
  public static PackTopology reference() {
    return new PackTopology(216, 5);
  }

  /** Highest allowed pack voltage, volts. */
  public double maxPackV() {
    return cellsInSeries * CELL_MAX_V;
  }

  /** Lowest allowed pack voltage, volts. */
  public double minPackV() {
    return cellsInSeries * CELL_MIN_V;
  }
}
