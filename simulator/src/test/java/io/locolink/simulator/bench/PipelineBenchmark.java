package io.locolink.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.app.GatewayPipeline;
import io.locolink.gateway.app.Outbox;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.estimation.PackTopology;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.simulator.app.DemoConfig;
import io.locolink.simulator.app.Main;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Issue 2's figures: wire bytes per reading against flat JSON, frames per second through the whole
 * pipeline on one thread, and the gateway process's first-frame time and resident memory.
 * Run: {@code java -cp <simulator test classpath> io.locolink.simulator.bench.PipelineBenchmark}.
 */
public final class PipelineBenchmark {

  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("locolink-bench");
    Scenario scenario = Scenarios.builtIn("shunting-day").withStepS(0.1);  // one physics step per 10 Hz cycle
    LocoLinkConfig cfg = config(dir, scenario, "tcp://127.0.0.1:1883");
    try (ScenarioRunner runner = ScenarioRunner.create(scenario, 7);
        SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 7);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, cfg.devices(), platform.simulatedUtc(),
            platform.simulatedNanos())) {
      runner.advance(600);  // into the working day
      for (int i = 0; i < 50; i++) {  // let every slow channel (BMS, temperatures) be read once
        runner.advance(0.1);
        acquisition.acquire();
      }
      bytesPerReading(runner, acquisition, cfg);
      throughput(runner, acquisition, cfg, dir);
    }
    process(dir, List.of());
    process(dir, List.of("-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
  }

  private static void bytesPerReading(ScenarioRunner runner, DeviceAcquisition acquisition, LocoLinkConfig cfg)
      throws Exception {
    for (int samples : new int[] {1, 10}) {
      List<Snapshot> snapshots = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        runner.advance(1.0 / samples);
        snapshots.add(acquisition.acquire());
      }
      BatteryEstimator estimator = BatteryEstimator.create(cfg.estimation(), new PackTopology(216, 5));
      Estimates e = null;
      for (Snapshot s : snapshots) {
        e = estimator.update(s);
      }
      Snapshot first = snapshots.get(0);
      byte[] frame = TelemetryFrameEncoder.encode(
          new HeaderFields("KZ-BENCH-001", 1, 1, first.utc(), first.clock()), snapshots, e).toByteArray();
      Map<String, Object> json = flatJson(snapshots);
      int readings = json.size() - 2;  // less the locomotive id and time
      byte[] jsonBytes = new ObjectMapper().writeValueAsBytes(json);
      System.out.printf(Locale.ROOT, "frame of %d sample(s)/s: %d readings, protobuf %d B = %.2f B/reading; "
              + "flat JSON %d B = %.1f B/reading%n", samples, readings, frame.length, (double) frame.length / readings,
          jsonBytes.length, (double) jsonBytes.length / readings);
    }
  }

  /** The same readings as one flat JSON object of named values, the way generic gateways send them. */
  static Map<String, Object> flatJson(List<Snapshot> snapshots) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("loco", "KZ-BENCH-001");
    json.put("ts", snapshots.get(0).utc().toString());
    for (int i = 0; i < snapshots.size(); i++) {
      Snapshot s = snapshots.get(i);
      json.put("pack.voltage." + i, round(s.pack().voltageV().value(), 2));
      json.put("pack.current." + i, round(s.pack().currentA().value(), 1));
      json.put("speed." + i, round(s.motion().wheelSpeedKmh().value(), 2));
      for (DriveReadings d : s.drives()) {
        json.put("drive" + d.index() + ".current." + i, round(d.currentA().value(), 1));
        json.put("drive" + d.index() + ".rpm." + i, round(d.speedRpm().value(), 0));
      }
    }
    Snapshot last = snapshots.get(snapshots.size() - 1);
    double[] cells = last.pack().cellVoltagesV();
    for (int c = 0; c < cells.length; c++) {
      json.put("cell" + c + ".voltage", round(cells[c], 3));
    }
    double[] temps = last.pack().cellTemperaturesC();
    for (int c = 0; c < temps.length; c++) {
      json.put("cell" + c + ".temperature", round(temps[c], 1));
    }
    for (DriveReadings d : last.drives()) {
      json.put("drive" + d.index() + ".winding", round(d.windingC().value(), 1));
      json.put("drive" + d.index() + ".bearing", round(d.bearingC().value(), 1));
      json.put("drive" + d.index() + ".inverter", round(d.inverterC().value(), 1));
      json.put("drive" + d.index() + ".coolant", round(d.coolantC().value(), 1));
      json.put("drive" + d.index() + ".dclink", round(d.dcLinkV().value(), 1));
    }
    last.motion().fix().ifPresent(f -> {
      json.put("lat", round(f.latitudeDeg(), 7));
      json.put("lon", round(f.longitudeDeg(), 7));
    });
    json.put("bms.soc", round(last.pack().bmsSocPercent().value(), 1));
    json.put("insulation", round(last.pack().insulationKohm().value(), 0));
    return json;
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }

  private static void throughput(ScenarioRunner runner, DeviceAcquisition acquisition, LocoLinkConfig cfg, Path dir)
      throws Exception {
    try (Journal journal = Journal.open(dir.resolve("journal"), cfg.journal(), InstantSource.system())) {
      AtomicLong frames = new AtomicLong();
      Outbox outbox = new Outbox() {
        @Override
        public long nextSequence() {
          try {
            return journal.nextSequence();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }

        @Override
        public void append(StreamKind kind, long sequence, byte[] payload) {
          try {
            journal.append(kind, sequence, payload);
            journal.acknowledge(kind, sequence);  // no uplink here: keep the journal from filling
            frames.incrementAndGet();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };
      BatteryEstimator estimator = BatteryEstimator.create(cfg.estimation(), new PackTopology(216, 5));
      GatewayPipeline pipeline = new GatewayPipeline("KZ-BENCH-001", 1, acquisition, estimator, outbox, cfg.framing());
      for (int round = 0; round < 3; round++) {
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long framesBefore = frames.get();
        int ticks = 6_000;
        for (int i = 0; i < ticks; i++) {
          runner.advance(0.1);
          pipeline.tick();
        }
        double wallS = (System.nanoTime() - start) / 1e9;
        double cpuS = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long made = frames.get() - framesBefore;
        System.out.printf(Locale.ROOT, "pipeline round %d: %d cycles, %d frames in %.2f s wall / %.2f s CPU "
                + "(physics included): %.0f frames/s of CPU, %.0f cycles/s%n", round, ticks, made, wallS, cpuS,
            made / cpuS, ticks / cpuS);
      }
    }
  }

  private static void process(Path dir, List<String> jvmOptions) throws Exception {
    System.out.println("gateway process with JVM options " + jvmOptions);
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      Path config = dir.resolve("process.yaml");
      Files.writeString(config, "locomotive:\n  id: KZ-BENCH-002\nplatform: simulator\nstateDir: \""
          + dir.resolve("state-process").toString().replace("\\", "/") + "\"\nmqtt:\n  url: " + broker.url()
          + "\ndepot:\n  enabled: false\n"); // the depot server needs a key file; these figures are without it
      CountDownLatch first = new CountDownLatch(1);
      MqttClient ground = new MqttClient(broker.url(), "bench-ground", new MemoryPersistence());
      ground.connect();
      ground.subscribe("locolink/v1/KZ-BENCH-002/telemetry", 1, (t, m) -> first.countDown());
      long start = System.nanoTime();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "gateway",
          "--config", config.toString()));
      Process gateway = new ProcessBuilder(command)
          .redirectErrorStream(true).redirectOutput(dir.resolve("process.log").toFile()).start();
      try {
        boolean arrived = first.await(60, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "gateway process: first frame on the ground %s%n",
            arrived ? String.format(Locale.ROOT, "%.2f s after the process started", (System.nanoTime() - start) / 1e9)
                : "did not arrive within 60 s");
        for (int s = 10; s <= 110; s += 50) {
          Thread.sleep(s == 10 ? 10_000 : 50_000);
          System.out.printf("gateway process after %d s: %s%n", s, rss(gateway.pid()));
        }
      } finally {
        gateway.destroy();
        gateway.waitFor(10, TimeUnit.SECONDS);
        ground.disconnect();
      }
    }
  }

  private static String rss(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS")) {
        return line.replaceAll("\\s+", " ");
      }
    }
    return "VmRSS unknown";
  }

  static LocoLinkConfig config(Path dir, Scenario scenario, String broker) {
    return DemoConfig.forVehicle("KZ-BENCH-001", scenario.vehicleSpec(), dir, broker);
  }
}
