package io.locolink.gateway.config;

import io.locolink.gateway.devices.BmsRegisterMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which platform serves the buses, and where every sensor of the locomotive is wired (YAML key
 * {@code devices}). Validated in the constructors; messages name the key and the problem. The
 * reference wiring is described in deploy/hardware.md.
 *
 * @param platform {@code simulator} or {@code raspberrypi}
 * @param seed seed for the simulator's noise
 * @param slowPeriodMs period of the slow channels (cells, temperatures, BMS status), ms
 * @param maxRetries immediate retries of a failed read within one cycle
 * @param offlineAfterFailures failed cycles in a row before a device is reported offline
 * @param maxBackoffMs longest wait between attempts to reach an offline device, ms
 * @param i2cBusHz I2C clock, Hz (for the bus-time estimate; the kernel sets the real clock)
 * @param spiBaud SPI clock of the RTD converters, Hz
 * @param pack battery pack topology and its sensors
 * @param drives one entry per traction drive
 * @param genset the diesel genset (present: false on a pure battery locomotive)
 * @param motion wheel-speed sensor and key switch
 * @param gnss GNSS receiver port
 * @param ntc the coolant NTC thermistors' divider
 * @param alarmOutputPin BCM pin of the alarm lamp or relay
 */
public record DevicesConfig(
    String platform,
    long seed,
    int slowPeriodMs,
    int maxRetries,
    int offlineAfterFailures,
    int maxBackoffMs,
    int i2cBusHz,
    int spiBaud,
    Pack pack,
    List<Drive> drives,
    Genset genset,
    Motion motion,
    Gnss gnss,
    Ntc ntc,
    int alarmOutputPin) {

  public DevicesConfig {
    require(platform != null && !platform.isBlank(), "devices.platform", "missing (simulator or raspberrypi)");
    require(slowPeriodMs >= 100 && slowPeriodMs <= 60_000, "devices.slowPeriodMs", "must be 100..60000, got " + slowPeriodMs);
    require(maxRetries >= 0 && maxRetries <= 5, "devices.maxRetries", "must be 0..5, got " + maxRetries);
    require(offlineAfterFailures >= 1, "devices.offlineAfterFailures", "must be >= 1, got " + offlineAfterFailures);
    require(maxBackoffMs >= 100, "devices.maxBackoffMs", "must be >= 100, got " + maxBackoffMs);
    require(i2cBusHz >= 10_000 && i2cBusHz <= 1_000_000, "devices.i2cBusHz", "must be 10000..1000000, got " + i2cBusHz);
    require(spiBaud >= 100_000 && spiBaud <= 5_000_000, "devices.spiBaud", "must be 100000..5000000 (MAX31865 limit), got " + spiBaud);
    require(pack != null, "devices.pack", "missing");
    require(drives != null && !drives.isEmpty() && drives.size() <= 8, "devices.drives", "must list 1..8 drives");
    drives = List.copyOf(drives);
    require(genset != null, "devices.genset", "missing");
    require(motion != null, "devices.motion", "missing");
    require(gnss != null, "devices.gnss", "missing");
    require(ntc != null, "devices.ntc", "missing");
    requirePin(alarmOutputPin, "devices.alarmOutputPin");
  }

  /** The reference hybrid shunter: 216s x 5p LFP pack, four drives, no genset, simulator. */
  public static DevicesConfig defaults() {
    return withDrives(4, false);
  }

  /** The reference wiring with {@code driveCount} drives and the genset present or not. */
  public static DevicesConfig withDrives(int driveCount, boolean genset) {
    List<Drive> drives = new ArrayList<>();
    for (int i = 0; i < driveCount; i++) {
      drives.add(Drive.reference(i));
    }
    return new DevicesConfig("simulator", 1, 1000, 2, 3, 30_000, 400_000, 1_000_000, Pack.reference(),
        drives, Genset.reference(genset), Motion.reference(), new Gnss("/dev/ttyAMA3", 9600),
        new Ntc(10_000, 3977, 10_000, 3.3), 26);
  }

  /** A copy on another platform. */
  public DevicesConfig withPlatform(String name) {
    return new DevicesConfig(name, seed, slowPeriodMs, maxRetries, offlineAfterFailures, maxBackoffMs, i2cBusHz,
        spiBaud, pack, drives, genset, motion, gnss, ntc, alarmOutputPin);
  }

  /** A copy with another slow period, ms. */
  public DevicesConfig withSlowPeriodMs(int periodMs) {
    return new DevicesConfig(platform, seed, periodMs, maxRetries, offlineAfterFailures, maxBackoffMs, i2cBusHz,
        spiBaud, pack, drives, genset, motion, gnss, ntc, alarmOutputPin);
  }

  static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": " + problem);
    }
  }

  static void requirePin(int pin, String key) {
    require(pin >= 0 && pin <= 27, key, "must be a BCM GPIO number 0..27, got " + pin);
  }

  static void requireI2c(int bus, int address, String key) {
    require(bus >= 0 && bus <= 22, key + ".bus", "must be 0..22, got " + bus);
    require(address >= 0x08 && address <= 0x77, key + ".address", "must be a 7-bit address 0x08..0x77, got " + address);
  }

  /**
   * @param cellsInSeries series cells (one voltage each)
   * @param stringsParallel parallel strings
   * @param temperatureSensors cell temperature sensors the BMS reports
   * @param shunt the pack's INA228
   * @param analog the pack's ADS1115 (AIN0 insulation monitor output, AIN1 genset coolant NTC)
   * @param bms the BMS on RS-485
   * @param contactorFeedbackPin BCM pin of the main contactor's auxiliary contact
   */
  public record Pack(int cellsInSeries, int stringsParallel, int temperatureSensors, Shunt shunt, PackAnalog analog,
      Bms bms, int contactorFeedbackPin) {

    public Pack {
      require(cellsInSeries >= 1 && cellsInSeries <= 1024, "devices.pack.cellsInSeries", "must be 1..1024, got " + cellsInSeries);
      require(stringsParallel >= 1, "devices.pack.stringsParallel", "must be >= 1, got " + stringsParallel);
      require(temperatureSensors >= 1 && temperatureSensors <= 1024, "devices.pack.temperatureSensors", "must be 1..1024, got " + temperatureSensors);
      require(shunt != null, "devices.pack.shunt", "missing");
      require(analog != null, "devices.pack.analog", "missing");
      require(bms != null, "devices.pack.bms", "missing");
      requirePin(contactorFeedbackPin, "devices.pack.contactorFeedbackPin");
    }

    static Pack reference() {
      return new Pack(216, 5, 216, new Shunt(1, 0x40, 0.00005, 3200, 10.0), new PackAnalog(1, 0x48, 2500),
          new Bms("/dev/ttyAMA2", 115_200, 1, 100, BmsRegisterMap.builtIn()), 22);
    }
  }

  /**
   * An INA228 on a shunt.
   *
   * @param bus I2C bus number
   * @param address 7-bit address
   * @param shuntOhms shunt resistance, ohms
   * @param maxCurrentA largest expected current, amperes (sets the current LSB)
   * @param busDividerRatio high-voltage divider in front of VBUS (VBUS tolerates 85 V)
   */
  public record Shunt(int bus, int address, double shuntOhms, double maxCurrentA, double busDividerRatio) {
    public Shunt {
      requireI2c(bus, address, "devices.*.shunt");
      require(shuntOhms > 0 && shuntOhms < 1, "devices.*.shunt.shuntOhms", "must be > 0 and < 1, got " + shuntOhms);
      require(maxCurrentA > 0, "devices.*.shunt.maxCurrentA", "must be > 0, got " + maxCurrentA);
      require(busDividerRatio >= 1, "devices.*.shunt.busDividerRatio", "must be >= 1, got " + busDividerRatio);
    }
  }

  /** The pack's ADS1115; {@code imdKohmPerVolt} scales the insulation monitor's analog output. */
  public record PackAnalog(int bus, int address, double imdKohmPerVolt) {
    public PackAnalog {
      requireI2c(bus, address, "devices.pack.analog");
      require(imdKohmPerVolt > 0, "devices.pack.analog.imdKohmPerVolt", "must be > 0, got " + imdKohmPerVolt);
    }
  }

  /** The BMS: serial device, line speed, Modbus slave address, response timeout and register map. */
  public record Bms(String device, int baud, int slaveAddress, int responseTimeoutMs, BmsRegisterMap profile) {
    public Bms {
      require(device != null && !device.isBlank(), "devices.pack.bms.device", "missing");
      require(baud >= 1200 && baud <= 1_000_000, "devices.pack.bms.baud", "must be 1200..1000000, got " + baud);
      require(slaveAddress >= 1 && slaveAddress <= 247, "devices.pack.bms.slaveAddress", "must be 1..247, got " + slaveAddress);
      require(responseTimeoutMs >= 10 && responseTimeoutMs <= 5000, "devices.pack.bms.responseTimeoutMs", "must be 10..5000, got " + responseTimeoutMs);
      require(profile != null, "devices.pack.bms.profile", "missing");
    }
  }

  /**
   * One traction drive: an ADS1115 (AIN0 DC-link divider, AIN1 coolant NTC, AIN2-AIN3 DC current
   * transducer), three MAX31865 (winding, bearing, inverter heatsink) and the inverter's
   * encoder-emulation output on a GPIO for speed.
   */
  public record Drive(int adcBus, int adcAddress, double dcLinkDividerRatio, double currentAPerVolt, int spiBus,
      int windingCs, int bearingCs, int inverterCs, int speedPin, int speedPulsesPerRev) {
    public Drive {
      requireI2c(adcBus, adcAddress, "devices.drives[].adc");
      require(adcAddress >= 0x48 && adcAddress <= 0x4B, "devices.drives[].adcAddress", "an ADS1115 answers at 0x48..0x4B, got " + adcAddress);
      require(dcLinkDividerRatio >= 1, "devices.drives[].dcLinkDividerRatio", "must be >= 1");
      require(currentAPerVolt > 0, "devices.drives[].currentAPerVolt", "must be > 0");
      require(spiBus >= 0 && spiBus <= 6, "devices.drives[].spiBus", "must be 0..6, got " + spiBus);
      for (int cs : new int[] {windingCs, bearingCs, inverterCs}) {
        require(cs >= 0 && cs <= 10, "devices.drives[].*Cs", "chip select must be 0..10, got " + cs);
      }
      requirePin(speedPin, "devices.drives[].speedPin");
      require(speedPulsesPerRev >= 1, "devices.drives[].speedPulsesPerRev", "must be >= 1");
    }

    /** Drive {@code i} of the reference wiring (deploy/hardware.md). */
    static Drive reference(int i) {
      int[] speedPins = {5, 6, 13, 19, 20, 21, 12, 16};
      return new Drive(3 + i / 4, 0x48 + i % 4, 250, 800, i / 2, (i % 2) * 3, (i % 2) * 3 + 1, (i % 2) * 3 + 2,
          speedPins[i], 8);
    }
  }

  /**
   * The genset: an INA228 on its DC output, the engine speed pickup and the fuel-flow meter.
   *
   * @param present false on a pure battery locomotive; the other keys are then ignored
   */
  public record Genset(boolean present, Shunt shunt, int rpmPin, int rpmPulsesPerRev, int fuelPin,
      double fuelPulsesPerLitre) {
    public Genset {
      require(shunt != null, "devices.genset.shunt", "missing");
      requirePin(rpmPin, "devices.genset.rpmPin");
      requirePin(fuelPin, "devices.genset.fuelPin");
      require(rpmPulsesPerRev >= 1, "devices.genset.rpmPulsesPerRev", "must be >= 1");
      require(fuelPulsesPerLitre > 0, "devices.genset.fuelPulsesPerLitre", "must be > 0");
    }

    static Genset reference(boolean present) {
      return new Genset(present, new Shunt(1, 0x41, 0.00005, 1600, 10.0), 23, 4, 24, 1000);
    }
  }

  /** Wheel-speed sensor (pulses per wheel revolution) and the driver's key switch. */
  public record Motion(double wheelDiameterM, int wheelPulsesPerRev, int wheelPin, int keyPin) {
    public Motion {
      require(wheelDiameterM >= 0.5 && wheelDiameterM <= 1.5, "devices.motion.wheelDiameterM", "must be 0.5..1.5 m, got " + wheelDiameterM);
      require(wheelPulsesPerRev >= 1, "devices.motion.wheelPulsesPerRev", "must be >= 1");
      requirePin(wheelPin, "devices.motion.wheelPin");
      requirePin(keyPin, "devices.motion.keyPin");
    }

    static Motion reference() {
      return new Motion(1.05, 60, 17, 27);
    }
  }

  /** The GNSS receiver's serial device and line speed. */
  public record Gnss(String device, int baud) {
    public Gnss {
      require(device != null && !device.isBlank(), "devices.gnss.device", "missing");
      require(baud >= 4800 && baud <= 921_600, "devices.gnss.baud", "must be 4800..921600, got " + baud);
    }
  }

  /** Coolant NTC: resistance at 25 °C, beta, pull-up resistor to the ADC supply, supply voltage. */
  public record Ntc(double r25Ohm, double beta, double pullUpOhm, double supplyV) {
    public Ntc {
      require(r25Ohm > 0 && beta > 0 && pullUpOhm > 0, "devices.ntc", "r25Ohm, beta, pullUpOhm must be > 0");
      require(supplyV > 0 && supplyV <= 4.096, "devices.ntc.supplyV", "must be > 0 and <= 4.096 (ADC range), got " + supplyV);
    }
  }

  @Override
  public String toString() {
    return "DevicesConfig[platform=" + platform + ", drives=" + drives.size() + ", cells="
        + Objects.requireNonNull(pack).cellsInSeries() + "]";
  }
}
