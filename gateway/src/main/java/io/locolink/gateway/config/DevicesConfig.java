package io.locolink.gateway.config;

import static io.locolink.gateway.config.ConfigException.requireRange;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every sensor of the locomotive is wired, and how the devices are polled (YAML key
 * {@code devices}). Every key is optional and defaults to the reference wiring of
 * deploy/hardware.md; keys in messages are relative to this section. The platform itself
 * ({@code simulator} or {@code raspberrypi}) is the root key {@code platform}.
 *
 * @param slowPeriodMs period of the slow channels (cells, temperatures, BMS status), ms
 * @param maxRetries immediate retries of a failed read within one cycle (none after a timeout)
 * @param offlineAfterFailures failed cycles in a row before a device is reported offline
 * @param maxBackoffMs longest wait between attempts to reach an offline device, ms
 * @param i2cBusHz I2C clock, Hz (for the bus-time estimate; the kernel sets the real clock)
 * @param spiBaud SPI clock of the RTD converters, Hz
 * @param pack battery pack topology and its sensors
 * @param driveCount traction drives on the reference wiring, used when {@code drives} is absent
 * @param drives one entry per traction drive, each complete; absent: {@code driveCount} reference drives
 * @param genset the diesel genset's sensors ({@code present: false} on a pure battery locomotive)
 * @param motion wheel-speed sensor and key switch
 * @param gnss GNSS receiver port
 * @param ntc the coolant NTC thermistors' divider
 * @param alarmOutputPin BCM pin of the alarm lamp or relay
 * @param i2cMux the I2C multiplexer whose channels carry the drives' ADCs
 */
public record DevicesConfig(
    Integer slowPeriodMs,
    Integer maxRetries,
    Integer offlineAfterFailures,
    Integer maxBackoffMs,
    Integer i2cBusHz,
    Integer spiBaud,
    Pack pack,
    Integer driveCount,
    List<Drive> drives,
    Genset genset,
    Motion motion,
    Gnss gnss,
    Ntc ntc,
    Integer alarmOutputPin,
    I2cMux i2cMux) {

  public DevicesConfig {
    slowPeriodMs = requireRange("slowPeriodMs", or(slowPeriodMs, 1000), 100, 60_000);
    maxRetries = requireRange("maxRetries", or(maxRetries, 2), 0, 5);
    offlineAfterFailures = requireRange("offlineAfterFailures", or(offlineAfterFailures, 3), 1, 100);
    maxBackoffMs = requireRange("maxBackoffMs", or(maxBackoffMs, 30_000), 100, 3_600_000);
    i2cBusHz = requireRange("i2cBusHz", or(i2cBusHz, 400_000), 10_000, 1_000_000);
    spiBaud = requireRange("spiBaud", or(spiBaud, 1_000_000), 100_000, 5_000_000);
    pack = pack == null ? Pack.defaults() : pack;
    if (drives == null) {
      driveCount = requireRange("driveCount", or(driveCount, 4), 1, 8);
      List<Drive> reference = new ArrayList<>();
      for (int i = 0; i < driveCount; i++) {
        reference.add(Drive.reference(i));
      }
      drives = List.copyOf(reference);
    } else {
      requireRange("drives", drives.size(), 1, 8);
      if (driveCount != null && driveCount != drives.size()) {
        throw new ConfigException("driveCount", "is " + driveCount + " but drives lists " + drives.size());
      }
      drives = List.copyOf(drives);
      driveCount = drives.size();
    }
    genset = genset == null ? Genset.defaults() : genset;
    motion = motion == null ? Motion.defaults() : motion;
    gnss = gnss == null ? Gnss.defaults() : gnss;
    ntc = ntc == null ? Ntc.defaults() : ntc;
    alarmOutputPin = pin("alarmOutputPin", or(alarmOutputPin, 26));
    i2cMux = i2cMux == null ? I2cMux.defaults() : i2cMux;
    requireNoSharedWiring(pack, drives, genset, motion, alarmOutputPin);
    requireNoAddressAcrossMux(i2cMux, pack, drives, genset);
  }

  /**
   * A device on a multiplexer channel shares the wire of the mux's parent adapter while its channel
   * is selected, so one address on the root bus and on a channel of the same adapter collides, as
   * does a channel device at the mux's own address. (Devices at one address on different channels
   * do not: the mux selects one channel at a time and disconnects them all when idle.)
   */
  private static void requireNoAddressAcrossMux(I2cMux mux, Pack pack, List<Drive> drives, Genset genset) {
    List<I2cClaim> claims = new ArrayList<>();
    claims.add(new I2cClaim(mux.parentBus(), mux.address(), "i2cMux.address"));
    claims.add(new I2cClaim(pack.shunt().bus(), pack.shunt().address(), "pack.shunt.address"));
    claims.add(new I2cClaim(pack.analog().bus(), pack.analog().address(), "pack.analog.address"));
    if (genset.present()) {
      claims.add(new I2cClaim(genset.shunt().bus(), genset.shunt().address(), "genset.shunt.address"));
    }
    for (int i = 0; i < drives.size(); i++) {
      claims.add(new I2cClaim(drives.get(i).adcBus(), drives.get(i).adcAddress(), "drives[" + i + "].adcAddress"));
    }
    for (I2cClaim onChannel : claims) {
      if (!mux.isChannel(onChannel.bus())) {
        continue;
      }
      for (I2cClaim onRoot : claims) {
        if (onRoot.bus() == mux.parentBus() && onRoot.address() == onChannel.address()) {
          throw new ConfigException(onChannel.key(), String.format("0x%02X on i2c-%d, a channel of the mux on i2c-%d,"
              + " collides with %s at 0x%02X on i2c-%d itself: a selected channel shares its parent's wire;"
              + " give one of them another address", onChannel.address(), onChannel.bus(), mux.parentBus(),
              onRoot.key(), onRoot.address(), mux.parentBus()));
        }
      }
    }
  }

  private record I2cClaim(int bus, int address, String key) {}

  /** Two sensors on one GPIO pin, I2C address or SPI chip select is a wiring mistake. */
  private static void requireNoSharedWiring(Pack pack, List<Drive> drives, Genset genset, Motion motion, int alarmPin) {
    java.util.Map<String, String> used = new java.util.HashMap<>();
    claim(used, "gpio " + motion.wheelPin(), "motion.wheelPin");
    claim(used, "gpio " + motion.keyPin(), "motion.keyPin");
    claim(used, "gpio " + pack.contactorFeedbackPin(), "pack.contactorFeedbackPin");
    claim(used, "gpio " + alarmPin, "alarmOutputPin");
    claim(used, "i2c " + pack.shunt().bus() + "/" + pack.shunt().address(), "pack.shunt.address");
    claim(used, "i2c " + pack.analog().bus() + "/" + pack.analog().address(), "pack.analog.address");
    for (int i = 0; i < drives.size(); i++) {
      Drive d = drives.get(i);
      String key = "drives[" + i + "].";
      claim(used, "gpio " + d.speedPin(), key + "speedPin");
      claim(used, "i2c " + d.adcBus() + "/" + d.adcAddress(), key + "adcAddress");
      claim(used, "spi " + d.spiBus() + "/" + d.windingCs(), key + "windingCs");
      claim(used, "spi " + d.spiBus() + "/" + d.bearingCs(), key + "bearingCs");
      claim(used, "spi " + d.spiBus() + "/" + d.inverterCs(), key + "inverterCs");
    }
    if (genset.present()) {
      claim(used, "gpio " + genset.rpmPin(), "genset.rpmPin");
      claim(used, "gpio " + genset.fuelPin(), "genset.fuelPin");
      claim(used, "i2c " + genset.shunt().bus() + "/" + genset.shunt().address(), "genset.shunt.address");
    }
  }

  private static void claim(java.util.Map<String, String> used, String resource, String key) {
    String other = used.putIfAbsent(resource, key);
    if (other != null) {
      throw new ConfigException(key, resource + " is already used by " + other);
    }
  }

  /** The reference hybrid shunter's wiring: 216s x 5p LFP pack, four drives, no genset. */
  public static DevicesConfig defaults() {
    return withDrives(4, false);
  }

  /** The reference wiring with {@code driveCount} drives and the genset present or not. */
  public static DevicesConfig withDrives(int driveCount, boolean gensetPresent) {
    return new DevicesConfig(null, null, null, null, null, null, null, driveCount, null,
        new Genset(gensetPresent, null, null, null, null, null), null, null, null, null, null);
  }

  /** A copy with another slow period, ms. */
  public DevicesConfig withSlowPeriodMs(int periodMs) {
    return new DevicesConfig(periodMs, maxRetries, offlineAfterFailures, maxBackoffMs, i2cBusHz, spiBaud, pack,
        driveCount, drives, genset, motion, gnss, ntc, alarmOutputPin, i2cMux);
  }

  /** A copy with the genset present or absent (e.g. from {@code locomotive.kind}). */
  public DevicesConfig withGensetPresent(boolean present) {
    Genset g = new Genset(present, genset.shunt(), genset.rpmPin(), genset.rpmPulsesPerRev(), genset.fuelPin(),
        genset.fuelPulsesPerLitre());
    return new DevicesConfig(slowPeriodMs, maxRetries, offlineAfterFailures, maxBackoffMs, i2cBusHz, spiBaud, pack,
        driveCount, drives, g, motion, gnss, ntc, alarmOutputPin, i2cMux);
  }

  static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  static double or(Double value, double fallback) {
    return value == null ? fallback : value;
  }

  static int pin(String key, int pin) {
    return requireRange(key, pin, 0, 27);
  }

  static void requireAddress(String key, int address, int min, int max) {
    if (address < min || address > max) {
      throw new ConfigException(key, String.format("must be an I2C address 0x%02X..0x%02X, got 0x%02X", min, max, address));
    }
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
  public record Pack(Integer cellsInSeries, Integer stringsParallel, Integer temperatureSensors, Shunt shunt,
      PackAnalog analog, Bms bms, Integer contactorFeedbackPin) {

    public Pack {
      cellsInSeries = requireRange("cellsInSeries", or(cellsInSeries, 216), 1, 1024);
      stringsParallel = requireRange("stringsParallel", or(stringsParallel, 5), 1, 64);
      temperatureSensors = requireRange("temperatureSensors", or(temperatureSensors, cellsInSeries), 1, 1024);
      shunt = shunt == null ? new Shunt(1, 0x40, 0.00005, 3200.0, 10.0) : shunt;
      analog = analog == null ? PackAnalog.defaults() : analog;
      bms = bms == null ? Bms.defaults() : bms;
      contactorFeedbackPin = pin("contactorFeedbackPin", or(contactorFeedbackPin, 16));
    }

    public static Pack defaults() {
      return new Pack(null, null, null, null, null, null, null);
    }
  }

  /**
   * An INA228 on a shunt; every key is required.
   *
   * @param bus I2C bus number
   * @param address 7-bit address (0x40..0x4F, set by A0/A1)
   * @param shuntOhms shunt resistance, ohms
   * @param maxCurrentA largest expected current, amperes (sets the current LSB)
   * @param busDividerRatio high-voltage divider in front of VBUS (VBUS tolerates 85 V)
   */
  public record Shunt(Integer bus, Integer address, Double shuntOhms, Double maxCurrentA, Double busDividerRatio) {
    public Shunt {
      requireRange("bus", ConfigException.require("bus", bus), 0, 63);
      requireAddress("address", ConfigException.require("address", address), 0x40, 0x4F);
      requireRange("shuntOhms", ConfigException.require("shuntOhms", shuntOhms), 1e-6, 1.0);
      requireRange("maxCurrentA", ConfigException.require("maxCurrentA", maxCurrentA), 0.1, 100_000.0);
      requireRange("busDividerRatio", ConfigException.require("busDividerRatio", busDividerRatio), 1.0, 1000.0);
      long shuntCal = Math.round(13107.2e6 * maxCurrentA / (1 << 19) * shuntOhms);
      if (shuntCal < 1 || shuntCal > 0x7FFF) {
        throw new ConfigException("maxCurrentA", "with shuntOhms " + shuntOhms + " gives SHUNT_CAL " + shuntCal
            + ", outside the INA228's 1..32767");
      }
    }
  }

  /** The pack's ADS1115; {@code imdKohmPerVolt} scales the insulation monitor's analog output. */
  public record PackAnalog(Integer bus, Integer address, Double imdKohmPerVolt) {
    public PackAnalog {
      bus = requireRange("bus", or(bus, 1), 0, 63);
      address = or(address, 0x49);  // ADDR to VDD: 0x48 is the drives' address behind the mux on the same adapter
      requireAddress("address", address, 0x48, 0x4B);
      imdKohmPerVolt = requireRange("imdKohmPerVolt", or(imdKohmPerVolt, 2500.0), 1.0, 1e6);
    }

    public static PackAnalog defaults() {
      return new PackAnalog(null, null, null);
    }
  }

  /** The BMS: serial device, line speed, Modbus slave address, response timeout and register map. */
  public record Bms(String device, Integer baud, Integer slaveAddress, Integer responseTimeoutMs,
      BmsRegisterMap profile) {
    public Bms {
      device = device == null ? "/dev/ttyAMA2" : device;
      if (device.isBlank()) {
        throw new ConfigException("device", "must name a serial device");
      }
      baud = requireRange("baud", or(baud, 115_200), 1200, 1_000_000);
      slaveAddress = requireRange("slaveAddress", or(slaveAddress, 1), 1, 247);
      responseTimeoutMs = requireRange("responseTimeoutMs", or(responseTimeoutMs, 100), 10, 5000);
      profile = profile == null ? BmsRegisterMap.builtIn() : profile;
    }

    public static Bms defaults() {
      return new Bms(null, null, null, null, null);
    }
  }

  /**
   * One traction drive, every key required: an ADS1115 (AIN0 DC-link divider, AIN1 coolant NTC,
   * AIN2-AIN3 DC current transducer), three MAX31865 (winding, bearing, inverter heatsink) and the
   * inverter's encoder-emulation output on a GPIO for speed.
   */
  public record Drive(Integer adcBus, Integer adcAddress, Double dcLinkDividerRatio, Double currentAPerVolt,
      Integer spiBus, Integer windingCs, Integer bearingCs, Integer inverterCs, Integer speedPin,
      Integer speedPulsesPerRev) {
    public Drive {
      requireRange("adcBus", ConfigException.require("adcBus", adcBus), 0, 63);
      requireAddress("adcAddress", ConfigException.require("adcAddress", adcAddress), 0x48, 0x4B);
      requireRange("dcLinkDividerRatio", ConfigException.require("dcLinkDividerRatio", dcLinkDividerRatio), 1.0, 10_000.0);
      requireRange("currentAPerVolt", ConfigException.require("currentAPerVolt", currentAPerVolt), 0.001, 1e6);
      requireRange("spiBus", ConfigException.require("spiBus", spiBus), 0, 6);
      requireRange("windingCs", ConfigException.require("windingCs", windingCs), 0, 10);
      requireRange("bearingCs", ConfigException.require("bearingCs", bearingCs), 0, 10);
      requireRange("inverterCs", ConfigException.require("inverterCs", inverterCs), 0, 10);
      pin("speedPin", ConfigException.require("speedPin", speedPin));
      requireRange("speedPulsesPerRev", ConfigException.require("speedPulsesPerRev", speedPulsesPerRev), 1, 10_000);
    }

    /**
     * Bus number of the first channel of the TCA9548A I2C multiplexer behind i2c-1 that carries the
     * drives' ADCs (the kernel numbers mux channels after the SoC's buses; check {@code i2cdetect -l}).
     */
    public static final int FIRST_MUX_BUS = 11;

    /** Drive {@code i} of the reference wiring (deploy/hardware.md). */
    static Drive reference(int i) {
      int[] speedPins = {22, 23, 24, 25, 12, 13, 7, 8};
      return new Drive(FIRST_MUX_BUS + i, 0x48, 250.0, 800.0, i / 2, (i % 2) * 3, (i % 2) * 3 + 1, (i % 2) * 3 + 2,
          speedPins[i], 8);
    }
  }

  /**
   * The TCA9548A I2C multiplexer: its parent adapter, address, and the bus numbers the kernel gives
   * its channels ({@code firstBus} .. {@code firstBus + channels - 1}; check {@code i2cdetect -l}).
   * The device-tree overlay sets it to disconnect every channel when idle.
   */
  public record I2cMux(Integer parentBus, Integer address, Integer firstBus, Integer channels) {
    public I2cMux {
      parentBus = requireRange("parentBus", or(parentBus, 1), 0, 63);
      address = or(address, 0x70);
      requireAddress("address", address, 0x70, 0x77);
      channels = requireRange("channels", or(channels, 8), 1, 8);
      firstBus = requireRange("firstBus", or(firstBus, Drive.FIRST_MUX_BUS), 0, 63);
      if (parentBus >= firstBus && parentBus < firstBus + channels) {
        throw new ConfigException("firstBus", "the channels' buses " + firstBus + ".." + (firstBus + channels - 1)
            + " include the parent bus " + parentBus);
      }
    }

    public static I2cMux defaults() {
      return new I2cMux(null, null, null, null);
    }

    /** True if {@code bus} is one of this mux's channels. */
    public boolean isChannel(int bus) {
      return bus >= firstBus && bus < firstBus + channels;
    }
  }

  /**
   * The genset: an INA228 on its DC output, the engine speed pickup and the fuel-flow meter.
   *
   * @param present false on a pure battery locomotive (default); the other keys are then unused
   */
  public record Genset(Boolean present, Shunt shunt, Integer rpmPin, Integer rpmPulsesPerRev, Integer fuelPin,
      Double fuelPulsesPerLitre) {
    public Genset {
      present = present != null && present;
      shunt = shunt == null ? new Shunt(1, 0x41, 0.00005, 1600.0, 10.0) : shunt;
      rpmPin = pin("rpmPin", or(rpmPin, 6));
      rpmPulsesPerRev = requireRange("rpmPulsesPerRev", or(rpmPulsesPerRev, 4), 1, 1000);
      fuelPin = pin("fuelPin", or(fuelPin, 18));
      fuelPulsesPerLitre = requireRange("fuelPulsesPerLitre", or(fuelPulsesPerLitre, 1000.0), 1.0, 1e6);
    }

    public static Genset defaults() {
      return new Genset(null, null, null, null, null, null);
    }
  }

  /** Wheel-speed sensor (pulses per wheel revolution) and the driver's key switch. */
  public record Motion(Double wheelDiameterM, Integer wheelPulsesPerRev, Integer wheelPin, Integer keyPin) {
    public Motion {
      wheelDiameterM = requireRange("wheelDiameterM", or(wheelDiameterM, 1.05), 0.5, 1.5);
      wheelPulsesPerRev = requireRange("wheelPulsesPerRev", or(wheelPulsesPerRev, 60), 1, 1000);
      wheelPin = pin("wheelPin", or(wheelPin, 17));
      keyPin = pin("keyPin", or(keyPin, 27));
    }

    public static Motion defaults() {
      return new Motion(null, null, null, null);
    }
  }

  /** The GNSS receiver's serial device and line speed. */
  public record Gnss(String device, Integer baud) {
    public Gnss {
      device = device == null ? "/dev/ttyAMA0" : device;
      if (device.isBlank()) {
        throw new ConfigException("device", "must name a serial device");
      }
      baud = requireRange("baud", or(baud, 9600), 4800, 921_600);
    }

    public static Gnss defaults() {
      return new Gnss(null, null);
    }
  }

  /** Coolant NTC: resistance at 25 °C, beta, pull-up resistor to the ADC supply, supply voltage. */
  public record Ntc(Double r25Ohm, Double beta, Double pullUpOhm, Double supplyV) {
    public Ntc {
      r25Ohm = requireRange("r25Ohm", or(r25Ohm, 10_000.0), 1.0, 1e7);
      beta = requireRange("beta", or(beta, 3977.0), 100.0, 10_000.0);
      pullUpOhm = requireRange("pullUpOhm", or(pullUpOhm, 10_000.0), 1.0, 1e7);
      supplyV = requireRange("supplyV", or(supplyV, 3.3), 0.5, 4.096);
    }

    public static Ntc defaults() {
      return new Ntc(null, null, null, null);
    }
  }
}
