package io.locolink.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedOutputStream;
import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.estimation.PackTopology;
import io.locolink.gateway.framing.CellChainDecoder;
import io.locolink.gateway.framing.CellPredictor;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.simulator.faults.Fault;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultKind;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 16's wire figures: telemetry bytes per reading of the reference pack (216 cells, 216
 * temperature sensors, six drives, genset) read through the emulated chips and the gateway's own
 * drivers, with and without 0.3 mV (one sigma) read noise on every cell, for frames with every cell
 * list in full (the v1.1 encoding, key frames only) and with cell prediction at several key frame
 * intervals; the same readings as flat JSON and as Sparkplug B payloads; and the cellular data per
 * locomotive and day at the default rates. Every predicted frame is decoded again through
 * {@link CellChainDecoder} and compared with the key-frame decoding (lossless check).
 * Run: {@code java -cp <simulator test classpath> io.locolink.simulator.bench.WireBenchmark [frames, 600]}.
 */
public final class WireBenchmark {

  private static final int[] KEY_INTERVALS = {1, 10, 30, 60};
  private static final String TOPIC = "locolink/v1/KZ-TEM-0001/telemetry";
  private static final String SPARKPLUG_TOPIC = "spBv1.0/locolink/DDATA/KZ-TEM-0001/traction";

  private WireBenchmark() {}

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    System.out.println("| cell noise | samples per frame | readings | encoding | mean frame | B/reading |");
    System.out.println("|---|---|---|---|---|---|");
    for (double sigmaMv : new double[] {0, 0.3}) {
      run(frames, sigmaMv);
    }
  }

  private static void run(int frames, double sigmaMv) throws Exception {
    Path dir = Files.createTempDirectory("locolink-wire");
    Scenario scenario = Scenarios.builtIn("shunting-day").withStepS(0.1);
    LocoLinkConfig cfg = PipelineBenchmark.config(dir, scenario, "tcp://127.0.0.1:1883");
    List<Fault> noise = new ArrayList<>();
    if (sigmaMv > 0) {
      for (int i = 0; i < 216; i++) {
        noise.add(new Fault(FaultKind.NOISY, "bms.cell[" + i + "]", 0, 1e9, sigmaMv / 1000));
      }
    }
    FaultInjector faults = FaultInjector.of(new FaultPlan(noise), 11);
    try (ScenarioRunner runner = ScenarioRunner.create(scenario, 7);
        SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, faults, 7);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, cfg.devices(), platform.simulatedUtc(),
            platform.simulatedNanos())) {
      BatteryEstimator estimator = BatteryEstimator.create(cfg.estimation(), new PackTopology(216, 5));
      runner.advance(600);
      for (int i = 0; i < 50; i++) {
        runner.advance(0.1);
        estimator.update(acquisition.acquire());
      }
      Sizes one = new Sizes();
      Sizes ten = new Sizes();
      for (int f = 0; f < frames; f++) {
        List<Snapshot> snapshots = new ArrayList<>();
        Estimates e = null;
        for (int k = 0; k < 10; k++) {
          runner.advance(0.1);
          Snapshot s = acquisition.acquire();
          e = estimator.update(s);
          snapshots.add(s);
        }
        long sequence = 1000 + f;
        one.add(sequence, List.of(snapshots.get(9)), e);
        ten.add(sequence, snapshots, e);
      }
      one.print(sigmaMv, 1);
      ten.print(sigmaMv, 10);
      if (sigmaMv > 0) {
        perDay(ten);
      }
    }
  }

  /** Sums of frame sizes per encoding over one run, and the lossless check. */
  private static final class Sizes {
    final CellPredictor[] predictors = new CellPredictor[KEY_INTERVALS.length];
    final CellChainDecoder[] decoders = new CellChainDecoder[KEY_INTERVALS.length];
    final long[] bytes = new long[KEY_INTERVALS.length];
    final long[] messages = new long[KEY_INTERVALS.length];
    long json;
    long sparkplug;
    long frames;
    int readings;
    long mismatches;

    Sizes() {
      for (int i = 0; i < KEY_INTERVALS.length; i++) {
        predictors[i] = new CellPredictor(KEY_INTERVALS[i]);
        decoders[i] = new CellChainDecoder(4);
      }
    }

    void add(long sequence, List<Snapshot> snapshots, Estimates e) throws IOException {
      Snapshot first = snapshots.get(0);
      HeaderFields header = new HeaderFields("KZ-TEM-0001", 1, sequence, first.utc(), first.clock());
      DecodedFrame truth = TelemetryFrameDecoder.decode(TelemetryFrameEncoder.encode(header, snapshots, e));
      for (int i = 0; i < KEY_INTERVALS.length; i++) {
        byte[] frame = TelemetryFrameEncoder.encode(header, snapshots, e, predictors[i]).toByteArray();
        bytes[i] += frame.length;
        messages[i] += mqttPublish(TOPIC, frame.length);
        DecodedFrame decoded = decoders[i].decode(frame);
        if (!Arrays.equals(decoded.cellVoltagesV(), truth.cellVoltagesV())
            || !Arrays.equals(decoded.cellTemperaturesC(), truth.cellTemperaturesC())) {
          mismatches++;
        }
      }
      var flat = PipelineBenchmark.flatJson(snapshots);
      readings = flat.size() - 2;
      int jsonBytes = new ObjectMapper().writeValueAsBytes(flat).length;
      json += jsonBytes;
      sparkplug += sparkplugB(snapshots, sequence).length;
      frames++;
    }

    void print(double sigmaMv, int samples) {
      for (int i = 0; i < KEY_INTERVALS.length; i++) {
        String name = KEY_INTERVALS[i] == 1 ? "every frame in full (v1.1, today)"
            : "cells predicted, key frame every " + KEY_INTERVALS[i];
        row(sigmaMv, samples, name, (double) bytes[i] / frames);
      }
      row(sigmaMv, samples, "flat JSON", (double) json / frames);
      row(sigmaMv, samples, "Sparkplug B (aliases, float values, a timestamp per metric)", (double) sparkplug / frames);
      if (mismatches > 0) {
        System.out.println("LOSSLESS CHECK FAILED: " + mismatches + " frames decoded differently");
      }
    }

    private void row(double sigmaMv, int samples, String encoding, double mean) {
      System.out.printf(Locale.ROOT, "| %.1f mV | %d | %d | %s | %.1f B | %.2f |%n", sigmaMv, samples, readings, encoding,
          mean, mean / readings);
    }
  }

  /** Cellular data per locomotive and day: 86,400 frames of 10 samples, with the MQTT PUBLISH framing. */
  private static void perDay(Sizes s) {
    System.out.println();
    System.out.println("| telemetry per locomotive per day (1 s frames, 10 Hz samples) | payload | with MQTT PUBLISH |");
    System.out.println("|---|---|---|");
    for (int i = 0; i < KEY_INTERVALS.length; i++) {
      String name = KEY_INTERVALS[i] == 1 ? "LocoLink v1.1 (every frame in full)"
          : "LocoLink v1.2, key frame every " + KEY_INTERVALS[i];
      perDayRow(name, (double) s.bytes[i] / s.frames, (double) s.messages[i] / s.frames);
    }
    double json = (double) s.json / s.frames;
    perDayRow("flat JSON", json, json + mqttPublish(TOPIC, (int) json) - (int) json);
    double spb = (double) s.sparkplug / s.frames;
    perDayRow("Sparkplug B", spb, spb + mqttPublish(SPARKPLUG_TOPIC, (int) spb) - (int) spb);
  }

  private static void perDayRow(String name, double payload, double withMqtt) {
    System.out.printf(Locale.ROOT, "| %s | %.1f MB | %.1f MB |%n", name, payload * 86_400 / 1e6, withMqtt * 86_400 / 1e6);
  }

  /** Bytes of a QoS 1 MQTT 3.1.1 PUBLISH of {@code payload} bytes on {@code topic}, plus its 4-byte PUBACK. */
  static long mqttPublish(String topic, int payload) {
    int remaining = 2 + topic.length() + 2 + payload;
    int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : 3;
    return 1 + lengthBytes + remaining + 4;
  }

  /**
   * The same readings as a Sparkplug B DDATA payload (sparkplug_b.proto: Payload timestamp 1,
   * metrics 2, seq 3; Metric alias 2, timestamp 3, float_value 12), written field by field with
   * protobuf's own encoder: every metric by alias (the names went out in the birth certificate),
   * with its sample's timestamp and a float value, as a Sparkplug edge node sends it.
   */
  static byte[] sparkplugB(List<Snapshot> snapshots, long sequence) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    Snapshot last = snapshots.get(snapshots.size() - 1);
    out.writeUInt64(1, last.utc().toEpochMilli());
    int[] alias = {0};
    for (Snapshot s : snapshots) {
      long t = s.utc().toEpochMilli();
      metric(out, alias, t, s.pack().voltageV().value());
      metric(out, alias, t, s.pack().currentA().value());
      metric(out, alias, t, s.motion().wheelSpeedKmh().value());
      for (DriveReadings d : s.drives()) {
        metric(out, alias, t, d.currentA().value());
        metric(out, alias, t, d.speedRpm().value());
      }
    }
    long t = last.utc().toEpochMilli();
    for (double v : last.pack().cellVoltagesV()) {
      metric(out, alias, t, v);
    }
    for (double v : last.pack().cellTemperaturesC()) {
      metric(out, alias, t, v);
    }
    for (DriveReadings d : last.drives()) {
      metric(out, alias, t, d.windingC().value());
      metric(out, alias, t, d.bearingC().value());
      metric(out, alias, t, d.inverterC().value());
      metric(out, alias, t, d.coolantC().value());
      metric(out, alias, t, d.dcLinkV().value());
    }
    if (last.motion().fix().isPresent()) {
      metric(out, alias, t, last.motion().fix().get().latitudeDeg());
      metric(out, alias, t, last.motion().fix().get().longitudeDeg());
    }
    metric(out, alias, t, last.pack().bmsSocPercent().value());
    metric(out, alias, t, last.pack().insulationKohm().value());
    out.writeUInt64(3, sequence % 256);
    out.flush();
    return bytes.toByteArray();
  }

  private static void metric(CodedOutputStream out, int[] alias, long timeMs, double value) throws IOException {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    CodedOutputStream metric = CodedOutputStream.newInstance(m);
    metric.writeUInt64(2, alias[0]++);
    metric.writeUInt64(3, timeMs);
    metric.writeFloat(12, (float) value);
    metric.flush();
    out.writeByteArray(2, m.toByteArray());
  }
}
