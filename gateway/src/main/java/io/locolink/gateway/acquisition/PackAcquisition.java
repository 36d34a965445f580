package io.locolink.gateway.acquisition;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.Ads1115;
import io.locolink.gateway.devices.BmsStatus;
import io.locolink.gateway.devices.DigitalSwitch;
import io.locolink.gateway.devices.Ina228;
import io.locolink.gateway.devices.ModbusBms;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The battery pack's channels: the INA228 shunt every cycle; the BMS's cells, temperatures and
 * status (on three consecutive cycles once per slow period), and the insulation monitor when the
 * BMS cannot say. Not thread-safe.
 */
final class PackAcquisition {

  /** A cell further than this from the median of all cells is flagged out of range, volts. */
  static final double CELL_DEVIATION_LIMIT_V = 0.3;
  static final double CELL_MIN_V = 1.0;
  static final double CELL_MAX_V = 4.5;
  static final double CELL_MIN_C = -55;
  static final double CELL_MAX_C = 125;

  private final DevicesConfig.Pack config;
  private final Ina228 shunt;
  private final ModbusBms bms;
  private final Ads1115 analog;
  private final DigitalSwitch contactorFeedback;
  private final DeviceGuard shuntGuard;
  private final DeviceGuard bmsGuard;
  private final DeviceGuard analogGuard;
  private final Periodic slow;
  private final Channel voltage;
  private final Channel current;
  private final Channel soc = new Channel(0, 100, Double.POSITIVE_INFINITY, 0);
  private final Channel soh = new Channel(0, 100, Double.POSITIVE_INFINITY, 0);
  private final Channel insulationBms = new Channel(0, 65_535, Double.POSITIVE_INFINITY, 0);
  private final Channel insulationImd = new Channel(0, 100_000, Double.POSITIVE_INFINITY, 0);
  private final double[] cellV;
  private final int[] cellFlags;
  private final double[] tempC;
  private final int[] tempFlags;
  private boolean[] balancing;
  private Reading socReading = soc.failed(0);
  private Reading sohReading = soh.failed(0);
  private Reading insulation = insulationBms.failed(0);
  private int contactorCode = -1;
  private int bmsPhase;
  private Optional<ShuntCounters> counters = Optional.empty();

  PackAcquisition(DevicesConfig.Pack config, Ina228 shunt, ModbusBms bms, Ads1115 analog,
      DigitalSwitch contactorFeedback, GuardFactory guards, long slowPeriodNanos) {
    this.config = config;
    this.shunt = shunt;
    this.bms = bms;
    this.analog = analog;
    this.contactorFeedback = contactorFeedback;
    this.shuntGuard = guards.guard(shunt.label());
    this.bmsGuard = guards.guard(bms.label());
    this.analogGuard = guards.guard(analog.label());
    this.slow = new Periodic(slowPeriodNanos);
    this.voltage = new Channel(0, 1000, 1000, Channel.STUCK_AFTER_FAST);
    this.current = new Channel(-config.shunt().maxCurrentA() * 1.05, config.shunt().maxCurrentA() * 1.05,
        Double.POSITIVE_INFINITY, Channel.STUCK_AFTER_FAST);
    this.cellV = filled(config.cellsInSeries());
    this.cellFlags = new int[config.cellsInSeries()];
    this.tempC = filled(config.temperatureSensors());
    this.tempFlags = new int[config.temperatureSensors()];
    this.balancing = new boolean[config.cellsInSeries()];
    Arrays.fill(cellFlags, QualityFlag.mask(QualityFlag.STALE));
    Arrays.fill(tempFlags, QualityFlag.mask(QualityFlag.STALE));
  }

  private static double[] filled(int n) {
    double[] values = new double[n];
    Arrays.fill(values, Double.NaN);
    return values;
  }

  /** The shunt monitor's accumulators as last read (once per slow period). */
  Optional<ShuntCounters> shuntCounters() {
    return counters;
  }

  List<DeviceGuard> guards() {
    return List.of(shuntGuard, bmsGuard, analogGuard);
  }

  PackReadings read(long nanos) {
    DeviceGuard.Outcome<double[]> vi = shuntGuard.run(() -> new double[] {shunt.busVoltageV(), shunt.currentA()});
    Reading packV = vi.ok() ? voltage.accept(vi.value().get()[0], nanos) : voltage.failed(vi.flags());
    Reading packA = vi.ok() ? current.accept(vi.value().get()[1], nanos) : current.failed(vi.flags());
    if (bmsPhase == 0 && slow.due(nanos)) {
      bmsPhase = 1; // a refresh still under way is finished first, however short the period
      shuntGuard.run(() -> new ShuntCounters(shunt.energyJ(), shunt.chargeC(), shunt.dieTemperatureC(), nanos))
          .value().ifPresent(c -> counters = Optional.of(c));
    }
    if (bmsPhase > 0) {
      readBmsPhase(nanos);
    }
    Contactor contactor = switch (contactorCode) {
      case 0 -> Contactor.OPEN;
      case 1 -> Contactor.PRECHARGE;
      case 2 -> Contactor.CLOSED;
      default -> contactorFeedback.closed() ? Contactor.CLOSED : Contactor.OPEN;
    };
    return new PackReadings(packV, packA, cellV.clone(), cellFlags.clone(), tempC.clone(), tempFlags.clone(),
        socReading, sohReading, insulation, contactor, balancing.clone(), config.stringsParallel());
  }

  /**
   * One step of the BMS refresh. At 115200 Bd the cells and the temperatures each take about
   * 50 ms of bus time, so a refresh is spread over three cycles: cells, then temperatures, then
   * status and balancing.
   */
  private void readBmsPhase(long nanos) {
    switch (bmsPhase) {
      case 1 -> {
        DeviceGuard.Outcome<double[]> cells = bmsGuard.run(() -> bms.cellVoltagesV(cellV.length));
        if (cells.ok()) {
          acceptCells(cells.value().get());
          bmsPhase = 2;
        } else {
          // one failure is enough for this refresh: do not spend every read's timeout on a silent BMS
          markFailed(cellFlags, cells.flags());
          markFailed(tempFlags, cells.flags());
          bmsStatusFailed(cells.flags(), nanos);
          bmsPhase = 0;
        }
      }
      case 2 -> {
        DeviceGuard.Outcome<ModbusBms.Temperatures> temps = bmsGuard.run(() -> bms.cellTemperaturesC(tempC.length));
        if (temps.ok()) {
          acceptTemperatures(temps.value().get());
        } else {
          markFailed(tempFlags, temps.flags());
        }
        bmsPhase = 3;
      }
      default -> {
        DeviceGuard.Outcome<BmsStatus> status = bmsGuard.run(bms::status);
        if (status.ok()) {
          BmsStatus s = status.value().get();
          socReading = soc.accept(s.socPercent(), nanos);
          sohReading = soh.accept(s.sohPercent(), nanos);
          insulation = insulationBms.accept(s.insulationKohm(), nanos);
          contactorCode = s.contactorCode();
          bmsGuard.run(() -> bms.balancing(cellV.length)).value().ifPresent(b -> balancing = b);
        } else {
          bmsStatusFailed(status.flags(), nanos);
        }
        bmsPhase = 0;
      }
    }
  }

  /** Without the BMS: SoC and SoH flagged, insulation from the insulation monitor's output. */
  private void bmsStatusFailed(int flags, long nanos) {
    socReading = soc.failed(flags);
    sohReading = soh.failed(flags);
    contactorCode = -1;
    DeviceGuard.Outcome<Double> imd = analogGuard.run(
        () -> analog.readVolts(Ads1115.Mux.AIN0, Ads1115.Pga.FS_4_096) * config.analog().imdKohmPerVolt());
    insulation = imd.ok() ? insulationImd.accept(imd.value().get(), nanos) : insulationBms.failed(flags);
  }

  private void acceptCells(double[] volts) {
    double[] sorted = volts.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    for (int i = 0; i < volts.length; i++) {
      cellV[i] = volts[i];
      boolean plausible = volts[i] >= CELL_MIN_V && volts[i] <= CELL_MAX_V
          && Math.abs(volts[i] - median) <= CELL_DEVIATION_LIMIT_V;
      cellFlags[i] = plausible ? 0 : QualityFlag.OUT_OF_RANGE.bit();
    }
  }

  private void acceptTemperatures(ModbusBms.Temperatures temps) {
    for (int i = 0; i < tempC.length; i++) {
      if (!temps.valid()[i]) {
        tempFlags[i] = QualityFlag.mask(QualityFlag.SENSOR_INVALID, QualityFlag.STALE);
        continue;
      }
      tempC[i] = temps.celsius()[i];
      boolean plausible = tempC[i] >= CELL_MIN_C && tempC[i] <= CELL_MAX_C;
      tempFlags[i] = plausible ? 0 : QualityFlag.OUT_OF_RANGE.bit();
    }
  }

  private static void markFailed(int[] flags, int cause) {
    for (int i = 0; i < flags.length; i++) {
      flags[i] = cause | QualityFlag.STALE.bit();
    }
  }
}
