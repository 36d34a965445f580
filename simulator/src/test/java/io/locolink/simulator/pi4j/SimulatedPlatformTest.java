package io.locolink.simulator.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.GensetReadings;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.SimulatorConfig;
import io.locolink.gateway.devices.BusNackException;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.Platforms;
import io.locolink.gateway.devices.SampleClock;
import io.locolink.gateway.estimation.AlarmTier;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.lamp.AlarmLamp;
import io.locolink.simulator.faults.FaultInjector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedPlatformTest {

  @Test
  void gensetChannels() {
    DevicesConfig config = DevicesConfig.withDrives(2, true);
    TestLocomotive loco = new TestLocomotive(216, 2);
    loco.genset = true;
    try (SimulatedPlatform platform = new SimulatedPlatform(config, loco, FaultInjector.none(), 3);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, platform.simulatedUtc(),
            platform.simulatedNanos())) {
      Snapshot s = null;
      for (int i = 0; i < 120; i++) {
        loco.advance(0.1);
        s = acquisition.acquire();
      }
      GensetReadings g = s.genset().orElseThrow();
      assertTrue(g.running());
      assertEquals(1500, g.engineRpm().value(), 20);
      assertEquals(300, g.powerKw().value(), 0.5);
      // 0.02 L/s = 72 L/h; 1000 pulses per litre over a 10 s window
      assertEquals(72, g.fuelFlowLph().value(), 0.5);
      assertEquals(0.02 * 12, g.fuelUsedL(), 0.002);
      assertEquals(80, g.coolantC().value(), 0.2);
    }
  }

  @Test
  void theAlarmLampStageDrivesItsPinBesideAcquisitionOnOneBoard() {
    DevicesConfig config = DevicesConfig.defaults();
    TestLocomotive loco = new TestLocomotive(216, 4);
    try (SimulatedPlatform platform = new SimulatedPlatform(config, loco, FaultInjector.none(), 3);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, platform.simulatedUtc(),
            platform.simulatedNanos());
        AlarmLamp lamp = AlarmLamp.open(platform, config.alarmOutputPin())) {
      assertEquals(false, platform.output(26).orElseThrow(), "off at start");
      lamp.show(withAlarm(Optional.of(AlarmTier.REDUCE)));
      assertTrue(platform.output(26).orElseThrow(), "lit while an alarm is active");
      assertTrue(lamp.isOn());
      assertTrue(acquisition.acquire().pack().currentA().isGood(), "acquisition reads on beside the lamp");
      lamp.show(withAlarm(Optional.empty()));
      assertEquals(false, platform.output(26).orElseThrow(), "out when the last alarm clears");
      lamp.show(withAlarm(Optional.of(AlarmTier.NOTE)));
      lamp.close();
      assertEquals(false, platform.output(26).orElseThrow(), "out when the stage closes");
    }
  }

  private static Estimates withAlarm(Optional<AlarmTier> tier) {
    return new Estimates(50, 2, 98, null, 0, 0, 0, 0, tier.isPresent() ? 1 : 0, tier, 0, List.of(), List.of(),
        EnergyTotals.zero(), true);
  }

  @Test
  void selectedByNameThroughTheServiceLoader() throws Exception {
    try (Platform platform = Platforms.open("simulator", DevicesConfig.defaults(), SimulatorConfig.defaults(), 100_000_000L, 1)) {
      assertEquals("simulator", platform.name());
      assertThrows(BusNackException.class, () -> platform.openSerial("/dev/ttyUSB9", 9600));
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> Platforms.open("beaglebone", DevicesConfig.defaults(), SimulatorConfig.defaults(), 100_000_000L, 1));
    assertEquals("platform", e.key());
    assertTrue(e.problem().contains("raspberrypi") && e.problem().contains("simulator"), e.getMessage());
  }

  @Test
  void parkedLocomotiveFromTheServiceLoaderCanBeRead() {
    DevicesConfig config = DevicesConfig.defaults();
    SimulatorConfig parked = new SimulatorConfig("parked", null, null);
    try (Platform platform = Platforms.open("simulator", DevicesConfig.defaults(), parked, 100_000_000L, 1);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, java.time.Clock.systemUTC(),
            System::nanoTime)) {
      Snapshot s = acquisition.acquire();
      assertEquals(3.29, s.pack().cellVoltagesV()[0], 0.0006);
      assertEquals(3.29 * 216, s.pack().voltageV().value(), 0.05);
    }
  }

  @Test
  void byDefaultTheServiceLoaderPlatformRunsTheShuntingDayFromNow() throws Exception {
    DevicesConfig config = DevicesConfig.defaults();
    try (Platform platform = Platforms.open("simulator", config, SimulatorConfig.defaults(), 100_000_000L, 1);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, java.time.Clock.systemUTC(),
            System::nanoTime)) {
      Snapshot s = acquisition.acquire();
      for (int i = 0; i < 3; i++) {  // the BMS is read over three cycles
        s = acquisition.acquire();
      }
      double sum = 0;
      for (double v : s.pack().cellVoltagesV()) {
        assertTrue(v >= 2.5 && v <= 3.65, "LFP cell voltage " + v);
        sum += v;
      }
      // INA228 bus voltage against the BMS's 1 mV cells: within 216 x 0.5 mV plus the divider's error
      assertEquals(sum, s.pack().voltageV().value(), 0.5);
      assertTrue(s.motion().fix().isPresent(), "GNSS has a fix on the shunting yard");
      double lat = s.motion().fix().get().latitudeDeg();
      assertTrue(lat > 40 && lat < 56, "a place in Kazakhstan, latitude " + lat);
    }
  }

  @Test
  void aDriveTheStateDoesNotHaveIsReportedNotCrashed() {
    DevicesConfig config = DevicesConfig.withDrives(4, false);
    TestLocomotive loco = new TestLocomotive(216, 4);
    try (SimulatedPlatform platform = new SimulatedPlatform(config, loco, FaultInjector.none(), 3);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, platform.simulatedUtc(),
            platform.simulatedNanos())) {
      loco.advance(0.1);
      assertTrue(acquisition.acquire().drives().get(3).currentA().isGood());
      TestLocomotive fewer = new TestLocomotive(216, 3);
      fewer.timeS = loco.timeS;
      // swap the state under the platform: drive 3's ADC can no longer be served
      loco.drivesOverride = fewer;
      loco.advance(0.1);
      Snapshot s = acquisition.acquire();
      assertTrue(io.locolink.gateway.acquisition.QualityFlag.BUS_ERROR.in(s.drives().get(3).currentA().flags()),
          () -> s.drives().get(3) + " " + acquisition.health());
      assertTrue(acquisition.health().stream().filter(h -> h.name().startsWith("drive3-adc")).findFirst()
          .orElseThrow().lastError().orElseThrow().contains("simulated locomotive has 3 drives"));
    }
  }

  @Test
  void aPortThatCannotBeOpenedNamesItsKeyAndReleasesTheRest() {
    DevicesConfig config = DevicesConfig.defaults();
    DevicesConfig wrongPort = io.locolink.gateway.config.ConfigLoader.parse("gnss: {device: /dev/ttyUSB7}",
        DevicesConfig.class);
    TestLocomotive loco = new TestLocomotive(216, 4);
    try (SimulatedPlatform platform = new SimulatedPlatform(config, loco, FaultInjector.none(), 3)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new DeviceAcquisition(platform, wrongPort, platform.simulatedUtc(), platform.simulatedNanos()));
      assertTrue(e.getMessage().startsWith("devices.gnss.device:"), e.getMessage());
      // everything opened before the failure was released: the same devices open again
      try (DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, platform.simulatedUtc(),
          platform.simulatedNanos())) {
        loco.advance(0.1);
        assertTrue(acquisition.acquire().pack().currentA().isGood());
      }
    }
  }

  @Test
  void theConfigurationChoosesAScenarioFileItsSpeedAndFaults(@TempDir Path dir) throws Exception {
    String lineHaul;
    try (var in = SimulatedPlatformTest.class.getResourceAsStream("/scenarios/line-haul.yaml")) {
      lineHaul = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Path file = Files.writeString(dir.resolve("my-run.yaml"), lineHaul.replace("name: line-haul", "name: my-run"));
    SimulatorConfig fast = new SimulatorConfig(file.toString(), 20.0, "bms-silence@0s+1h");
    long period = 100_000_000L;
    try (Platform platform = Platforms.open("simulator", DevicesConfig.defaults(), fast, period, 1)) {
      SampleClock clock = platform.sampleClock(period);
      assertEquals(period / 20, clock.wallPeriodNanos(), "20x: one sample period of simulated time per 5 ms of wall");
      java.time.Instant simStart = clock.utc().instant();
      long nanosStart = clock.monotonicNanos().getAsLong();
      for (int i = 0; i < 100; i++) {
        clock.advance();
      }
      // lockstep: each advance moves the samples' clocks and the simulation exactly one period, never a jump
      assertEquals(simStart.plusSeconds(10), clock.utc().instant());
      assertEquals(10_000_000_000L, clock.monotonicNanos().getAsLong() - nanosStart);
      assertEquals(clock.utc().instant(), ((ScenarioPlatform) platform).runner().latest().utc(),
          "the simulation stands where the samples are");
      assertThrows(IllegalArgumentException.class, () -> platform.sampleClock(2 * period),
          "the simulation is stepped for one sample period");
    }
    ConfigException unknown = assertThrows(ConfigException.class, () -> Platforms.open("simulator",
        DevicesConfig.defaults(), new SimulatorConfig("no-such-run", null, null), 100_000_000L, 1));
    assertEquals("simulator", unknown.key());
    assertTrue(unknown.problem().contains("no-such-run"), unknown.getMessage());
    ConfigException tooFast = assertThrows(ConfigException.class, () -> io.locolink.gateway.config.ConfigLoader.parse(
        "locomotive: {id: T1, kind: HYBRID}\nplatform: simulator\nstateDir: /nonexistent\nsimulator: {speed: 500}\n",
        io.locolink.gateway.config.LocoLinkConfig.class));
    assertTrue(tooFast.getMessage().contains("simulator") && tooFast.getMessage().contains("speed"),
        tooFast.getMessage());
  }
}
