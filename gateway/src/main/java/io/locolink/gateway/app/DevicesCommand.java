package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.DeviceHealth;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.MotionReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.QualityFlag;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.SimulatorConfig;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.Platforms;
import io.locolink.gateway.devices.SampleClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code locolink devices}: a commissioning check. Opens every configured device, runs a few
 * acquisition cycles and prints each device's health and what it read. Exit code 0 when every
 * device answered, 1 when one is offline or failing, 2 for a configuration problem.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = {"Read every configured sensor a few times and print each device's health and readings.",
        "Use it after wiring a board (platform raspberrypi) or to see the simulator's chips."})
public final class DevicesCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Gateway configuration; its 'platform' and 'devices' keys are used (default: reference wiring).")
  private Path config;

  @Option(names = "--platform", paramLabel = "NAME", description = "Overrides the file's platform: simulator or raspberrypi.")
  private String platform;

  @Option(names = "--cycles", defaultValue = "30", description = "Acquisition cycles to run (default: ${DEFAULT-VALUE}).")
  private int cycles;

  @Option(names = "--period-ms", defaultValue = "100", description = "Time between cycles, ms (default: ${DEFAULT-VALUE}).")
  private int periodMs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String platformName;
    DevicesConfig devices;
    SimulatorConfig simulator;
    try {
      String yaml = config == null ? "" : Files.readString(config);
      platformName = platform != null ? platform
          : ConfigLoader.section(yaml, "platform", String.class).orElse("simulator");
      devices = ConfigLoader.section(yaml, "devices", DevicesConfig.class).orElseGet(DevicesConfig::defaults);
      simulator = ConfigLoader.section(yaml, "simulator", SimulatorConfig.class).orElseGet(SimulatorConfig::defaults);
    } catch (IOException e) {
      err.println("devices: cannot read " + config + ": " + e.getMessage());
      return 2;
    } catch (ConfigException e) {
      err.println("devices: " + e.getMessage());
      return 2;
    }
    long periodNanos = Math.max(1, periodMs) * 1_000_000L;
    try (Platform board = Platforms.open(platformName, devices, simulator, periodNanos, 1)) {
      SampleClock clock = board.sampleClock(periodNanos);
      try (DeviceAcquisition acquisition = new DeviceAcquisition(board, devices, clock.utc(), clock.monotonicNanos())) {
        Snapshot last = null;
        for (int i = 0; i < Math.max(1, cycles); i++) {
          last = acquisition.acquire();
          clock.advance();
          LockSupport.parkNanos(clock.wallPeriodNanos());
        }
        print(out, acquisition, last);
        return acquisition.health().stream().allMatch(h -> h.online() && h.errorCount() == 0) ? 0 : 1;
      }
    } catch (ConfigException | IllegalStateException | IllegalArgumentException e) {
      err.println("devices: " + e.getMessage());
      return 2;
    }
  }

  private static void print(PrintWriter out, DeviceAcquisition acquisition, Snapshot s) {
    out.println("device                                        online  errors  last error");
    for (DeviceHealth h : acquisition.health()) {
      out.printf(Locale.ROOT, "%-45s %-7s %6d  %s%n", h.name(), h.online() ? "yes" : "NO", h.errorCount(),
          h.lastError().orElse(""));
    }
    PackReadings p = s.pack();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int flagged = 0;
    for (int i = 0; i < p.cellCount(); i++) {
      min = Math.min(min, p.cellVoltagesV()[i]);
      max = Math.max(max, p.cellVoltagesV()[i]);
      flagged += p.cellVoltageFlags()[i] != 0 ? 1 : 0;
    }
    out.printf(Locale.ROOT, "pack %s V %s A, %d cells %.3f..%.3f V (%d flagged), SoC %s %%, insulation %s kOhm, %s%n",
        show(p.voltageV()), show(p.currentA()), p.cellCount(), min, max, flagged, show(p.bmsSocPercent()),
        show(p.insulationKohm()), p.contactor());
    for (DriveReadings d : s.drives()) {
      out.printf(Locale.ROOT, "drive %d: %s A, %s rpm, DC link %s V, winding %s, bearing %s, inverter %s, coolant %s degC%n",
          d.index(), show(d.currentA()), show(d.speedRpm()), show(d.dcLinkV()), show(d.windingC()), show(d.bearingC()),
          show(d.inverterC()), show(d.coolantC()));
    }
    s.genset().ifPresent(g -> out.printf(Locale.ROOT, "genset: %s rpm, %s kW, %s L/h, coolant %s degC%n",
        show(g.engineRpm()), show(g.powerKw()), show(g.fuelFlowLph()), show(g.coolantC())));
    MotionReadings m = s.motion();
    out.printf(Locale.ROOT, "wheel %s km/h, key %s, GNSS %s, clock %s%n", show(m.wheelSpeedKmh()), m.keyOn() ? "on" : "off",
        m.fix().map(f -> String.format(Locale.ROOT, "%.5f %.5f (%d sats)", f.latitudeDeg(), f.longitudeDeg(),
            f.satellites())).orElse("no fix"), s.clock());
  }

  /** A value with its quality flags spelled out when it has any. */
  static String show(Reading r) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.2f", r.value()));
    if (!r.isGood()) {
      text.append(" [");
      String sep = "";
      for (QualityFlag flag : QualityFlag.values()) {
        if (flag.in(r.flags())) {
          text.append(sep).append(flag);
          sep = " ";
        }
      }
      text.append(']');
    }
    return text.toString();
  }
}
