package io.locolink.gateway.acquisition;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.Ads1115;
import io.locolink.gateway.devices.BusNackException;
import io.locolink.gateway.devices.DigitalSwitch;
import io.locolink.gateway.devices.GnssReceiver;
import io.locolink.gateway.devices.I2cRegisters;
import io.locolink.gateway.devices.Ina228;
import io.locolink.gateway.devices.Max31865;
import io.locolink.gateway.devices.ModbusBms;
import io.locolink.gateway.devices.ModbusRtuClient;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.PulseCounter;
import io.locolink.gateway.devices.SerialLink;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The device-backed {@link SnapshotSource}: opens every driver of {@link DevicesConfig} on a
 * {@link Platform} and reads what is due on each {@link #acquire()}. Bus faults become flagged
 * readings and per-device {@link DeviceHealth}; nothing here throws for a sensor fault.
 * Call {@link #acquire()} at about 10 Hz: fast channels are read every call, and the slow ones
 * (the BMS's cells, temperatures and status, PT100s, coolant) once per {@code slowPeriodMs}, the
 * BMS spread over three consecutive calls. {@link #acquire()} is called from one thread;
 * {@link #health()} from any.
 */
public final class DeviceAcquisition implements SnapshotSource {

  private final InstantSource utc;
  private final LongSupplier monotonicNanos;
  private final PackAcquisition pack;
  private final List<DriveAcquisition> drives = new ArrayList<>();
  private final Optional<GensetAcquisition> genset;
  private final MotionAcquisition motion;
  private final List<DeviceGuard> guards = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private volatile List<DeviceHealth> health = List.of();
  private volatile Optional<ShuntCounters> shuntCounters = Optional.empty();

  /**
   * The largest of the configured drives' current deadbands, amperes: a drive current reading
   * closer to zero than this cannot tell motoring from braking (ADC offset and noise through the
   * transducer's scale), so the estimator takes such a drive as carrying no power.
   */
  public static double driveCurrentDeadbandA(DevicesConfig config) {
    return config.drives().stream().mapToDouble(DriveAcquisition::currentDeadbandA).max().orElse(0);
  }

  /**
   * Opens every device. Blocks for the chips' first configuration only when a read needs it.
   *
   * @param platform where the buses come from (owned by the caller, closed by the caller)
   * @param config the wiring
   * @param utc the gateway's UTC clock, for labelling snapshots
   * @param monotonicNanos a {@code System.nanoTime}-like clock, for rates and schedules
   * @throws IllegalStateException naming the config key when a bus or port cannot be opened
   */
  public DeviceAcquisition(Platform platform, DevicesConfig config, InstantSource utc, LongSupplier monotonicNanos) {
    this.utc = utc;
    this.monotonicNanos = monotonicNanos;
    try {
      GuardFactory guardFactory = new GuardFactory(config, monotonicNanos);
      long slowNanos = config.slowPeriodMs() * 1_000_000L;
      long now = monotonicNanos.getAsLong();
      DevicesConfig.Pack p = config.pack();
      Ina228 shunt = keep(new Ina228(I2cRegisters.open(platform, "pack-shunt", p.shunt().bus(), p.shunt().address()),
          p.shunt().shuntOhms(), p.shunt().maxCurrentA(), p.shunt().busDividerRatio()));
      Ads1115 packAdc = keep(new Ads1115(I2cRegisters.open(platform, "pack-adc", p.analog().bus(), p.analog().address()),
          platform));
      SerialLink bmsLink = keep(openSerial(platform, p.bms().device(), p.bms().baud(), "devices.pack.bms.device"));
      ModbusBms bms = new ModbusBms(new ModbusRtuClient(bmsLink, platform,
          Duration.ofMillis(p.bms().responseTimeoutMs())), p.bms().slaveAddress(), p.bms().profile());
      DigitalSwitch feedback = keep(DigitalSwitch.open(platform, "contactor-feedback", p.contactorFeedbackPin()));
      pack = new PackAcquisition(p, shunt, bms, packAdc, feedback, guardFactory, slowNanos);
      guards.addAll(pack.guards());
      for (int i = 0; i < config.drives().size(); i++) {
        DevicesConfig.Drive d = config.drives().get(i);
        String id = "drive" + i;
        DriveAcquisition drive = new DriveAcquisition(i, d, config.ntc(),
            keep(new Ads1115(I2cRegisters.open(platform, id + "-adc", d.adcBus(), d.adcAddress()), platform)),
            keep(rtd(platform, config, id + "-winding", d.spiBus(), d.windingCs())),
            keep(rtd(platform, config, id + "-bearing", d.spiBus(), d.bearingCs())),
            keep(rtd(platform, config, id + "-inverter", d.spiBus(), d.inverterCs())),
            keep(PulseCounter.open(platform, id + "-speed", d.speedPin())), guardFactory, slowNanos, now);
        drives.add(drive);
        guards.addAll(drive.guards());
      }
      DevicesConfig.Genset g = config.genset();
      if (g.present()) {
        Ina228 gensetShunt = keep(new Ina228(I2cRegisters.open(platform, "genset-shunt", g.shunt().bus(),
            g.shunt().address()), g.shunt().shuntOhms(), g.shunt().maxCurrentA(), g.shunt().busDividerRatio()));
        GensetAcquisition gensetAcquisition = new GensetAcquisition(g, config.ntc(), gensetShunt, packAdc,
            keep(PulseCounter.open(platform, "genset-rpm", g.rpmPin())),
            keep(PulseCounter.open(platform, "genset-fuel", g.fuelPin())), guardFactory, slowNanos, now);
        guards.addAll(gensetAcquisition.guards());
        genset = Optional.of(gensetAcquisition);
      } else {
        genset = Optional.empty();
      }
      DevicesConfig.Motion m = config.motion();
      SerialLink gnssLink = keep(openSerial(platform, config.gnss().device(), config.gnss().baud(), "devices.gnss.device"));
      motion = new MotionAcquisition(m, keep(PulseCounter.open(platform, "wheel-speed", m.wheelPin())),
          keep(DigitalSwitch.open(platform, "key-switch", m.keyPin())), new GnssReceiver(gnssLink), guardFactory,
          "gnss (" + config.gnss().device() + ")", now);
      guards.addAll(motion.guards());
    } catch (RuntimeException e) {
      close(); // release what was opened before the failure
      throw e instanceof IllegalStateException ? e
          : new IllegalStateException("devices: cannot open a device: " + e.getMessage(), e);
    }
    publishHealth();
  }

  private static Max31865 rtd(Platform platform, DevicesConfig config, String id, int bus, int cs) {
    return Max31865.open(platform, id, bus, cs, config.spiBaud(), 430.0, -50, 250);
  }

  private static SerialLink openSerial(Platform platform, String device, int baud, String key) {
    try {
      return platform.openSerial(device, baud);
    } catch (BusNackException e) {
      throw new IllegalStateException(key + ": " + e.getMessage(), e);
    }
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  @Override
  public Snapshot acquire() {
    long nanos = monotonicNanos.getAsLong();
    PackReadings packReadings = pack.read(nanos);
    List<DriveReadings> driveReadings = new ArrayList<>(drives.size());
    for (DriveAcquisition drive : drives) {
      driveReadings.add(drive.read(nanos));
    }
    Optional<GensetReadings> gensetReadings = genset.map(g -> g.read(nanos));
    MotionReadings motionReadings = motion.read(nanos);
    publishHealth();
    shuntCounters = pack.shuntCounters();
    return new Snapshot(nanos, utc.instant(), motion.clock(), packReadings, driveReadings, gensetReadings,
        motionReadings);
  }

  private void publishHealth() {
    List<DeviceHealth> list = new ArrayList<>(guards.size());
    for (DeviceGuard guard : guards) {
      list.add(guard.health());
    }
    health = List.copyOf(list);
  }

  /** Every device's health after the last cycle; safe from any thread. */
  public List<DeviceHealth> health() {
    return health;
  }

  /** The pack shunt monitor's energy and charge accumulators, once read; safe from any thread. */
  public Optional<ShuntCounters> shuntCounters() {
    return shuntCounters;
  }

  /** Closes every driver; the platform stays open (its owner closes it). */
  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        // closing the rest matters more than one driver's failure to close
      }
    }
    closeables.clear();
  }
}
