package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import java.util.function.Function;

/**
 * What an alarm measures in a snapshot, per cell, sensor or drive, and when it applies: charge
 * temperature limits only while charging, discharge limits only while discharging, imbalance only
 * at rest. Flagged readings are not measured.
 */
public enum AlarmRule {
  CELL_VOLTAGE(AlarmSignal.CELL_VOLTAGE),
  CHARGE_TEMPERATURE(AlarmSignal.CELL_TEMPERATURE),
  DISCHARGE_TEMPERATURE(AlarmSignal.CELL_TEMPERATURE),
  INSULATION(AlarmSignal.INSULATION),
  IMBALANCE_AT_REST(AlarmSignal.CELL_VOLTAGE),
  TEMPERATURE_SPREAD(AlarmSignal.CELL_TEMPERATURE),
  MOTOR_WINDING(AlarmSignal.MOTOR_WINDING),
  MOTOR_BEARING(AlarmSignal.MOTOR_BEARING),
  INVERTER(AlarmSignal.INVERTER);

  private final AlarmSignal signal;

  AlarmRule(AlarmSignal signal) {
    this.signal = signal;
  }

  public AlarmSignal signal() {
    return signal;
  }

  /**
   * True for a rule about the pack as a whole (imbalance, temperature spread): it measures one
   * value per snapshot, reported against whichever cell or sensor is the extreme at the time, so
   * it is one alarm however often that cell or sensor changes.
   */
  boolean packWide() {
    return this == IMBALANCE_AT_REST || this == TEMPERATURE_SPREAD;
  }

  /** Receives one measured value: which cell, sensor or drive, the value, and whether the limit applies now. */
  interface Sink {
    void accept(int index, double value, boolean applies);
  }

  /** Feeds every value this rule measures in {@code s} to {@code sink}. */
  void measure(Snapshot s, CellStats cells, double restCurrentA, Sink sink) {
    PackReadings p = s.pack();
    double amps = p.currentA().value();
    boolean currentKnown = PowerClassifier.trusted(p.currentA());
    switch (this) {
      case CELL_VOLTAGE -> each(p.cellVoltagesV(), p.cellVoltageFlags(), true, sink);
      case CHARGE_TEMPERATURE -> each(p.cellTemperaturesC(), p.cellTemperatureFlags(), currentKnown && amps <= -restCurrentA, sink);
      case DISCHARGE_TEMPERATURE -> each(p.cellTemperaturesC(), p.cellTemperatureFlags(), currentKnown && amps >= restCurrentA, sink);
      case INSULATION -> {
        if (PowerClassifier.trusted(p.insulationKohm()) && PowerClassifier.trusted(p.voltageV()) && p.voltageV().value() > 50) {
          sink.accept(0, p.insulationKohm().value() * 1000 / p.voltageV().value(), true);
        }
      }
      case IMBALANCE_AT_REST -> {
        if (cells.maxIndex() >= 0) {
          sink.accept(cells.maxIndex(), cells.spreadV(), currentKnown && Math.abs(amps) < restCurrentA);
        }
      }
      case TEMPERATURE_SPREAD -> {
        if (cells.maxTempIndex() >= 0) {
          sink.accept(cells.maxTempIndex(), cells.tempSpreadC(), true);
        }
      }
      case MOTOR_WINDING -> drives(s, DriveReadings::windingC, sink);
      case MOTOR_BEARING -> drives(s, DriveReadings::bearingC, sink);
      case INVERTER -> drives(s, DriveReadings::inverterC, sink);
    }
  }

  private static void each(double[] values, int[] flags, boolean applies, Sink sink) {
    for (int i = 0; i < values.length; i++) {
      if (PowerClassifier.trustedFlags(flags[i])) {
        sink.accept(i, values[i], applies);
      }
    }
  }

  private static void drives(Snapshot s, Function<DriveReadings, Reading> reading, Sink sink) {
    for (DriveReadings d : s.drives()) {
      Reading r = reading.apply(d);
      if (PowerClassifier.trusted(r)) {
        sink.accept(d.index(), r.value(), true);
      }
    }
  }
}
