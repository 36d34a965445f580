package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;
import io.locolink.gateway.framing.CellChainDecoder;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.testing.MosquittoBroker;
import io.locolink.simulator.testing.LocolinkProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code locolink gateway --config FILE} as its own process on the simulator platform at
 * {@code simulator.speed: 20}, publishing to a real Mosquitto: the platform's own sample clock runs
 * the simulation in lockstep with the samples, so what the ground receives is what a real-time run
 * would have sent.
 *
 * <ul>
 *   <li>every frame's sample offsets are 0, 100, 200 ... ms (10 Hz), and each frame starts one
 *       sample period after the previous frame's last sample: no sample shares a time with another;
 *   <li>each complete energy record (60 s periods here, so that a few pass in seconds of wall
 *       time) agrees with an independent integral of the frames' own samples: pack voltage x pack
 *       current, each sample's power held for one sample period (the rectangle rule the record's
 *       definition in the locomotive reference uses), clipped to the period. Discharge against
 *       "consumed"; the charge the record books to braking and to a depot charger cannot exceed
 *       what flowed into the pack (the rest of the inflow is the genset's, whose share the record
 *       does not carry: its genset figure is the genset's whole output).
 * </ul>
 *
 * <p><b>Tolerance</b>: 1 % of the integral plus the record's resolution, whole watt-hours (half a
 * watt-hour of rounding for each of two figures in a sum).
 */
class AcceleratedGatewayProcessTest {

  private static final long PERIOD_MS = 100;

  /** A hybrid shunter at low charge in the yard: it motors, brakes and runs its genset. */
  private static final String YARD = """
      name: fast-yard
      vehicle: hybrid
      route: astana-1-yard
      startUtc: "2026-01-20T06:00:00Z"
      seed: 20260121
      stepS: 0.1
      initial: {positionM: 1200, direction: up, soc: 0.5, vehicleC: 15, ambientC: -12, wagons: 10, wagonAxleLoadT: 23.5}
      phases:
        - {duty: switch-cycle, durationS: 3600, speedLimitKmh: 25, shuntWagons: true}
      """;

  private record Message(String topic, byte[] payload) {}

  @Test
  void atTwentyTimesRealTimeTheSamplesAreEvenlySpacedAndTheEnergyRecordsMatchThem(@TempDir Path dir)
      throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      Path scenario = Files.writeString(dir.resolve("fast-yard.yaml"), YARD);
      Path config = Files.writeString(dir.resolve("locolink.yaml"), """
          locomotive: {id: KZ-FAST-20, kind: HYBRID}
          platform: simulator
          stateDir: "%s"
          devices: {driveCount: 6}
          simulator: {scenario: "%s", speed: 20}
          estimation: {periodS: 60}
          mqtt: {url: %s}
          depot: {enabled: false}
          """.formatted(slashes(dir.resolve("state")), slashes(scenario), broker.url()));
      BlockingQueue<Message> received = new LinkedBlockingQueue<>();
      MqttClient ground = new MqttClient(broker.url(), "ground-fast", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      ground.connect(options);
      ground.subscribe("locolink/v1/KZ-FAST-20/#", 1, (topic, m) -> received.add(new Message(topic, m.getPayload())));

      Process gateway = LocolinkProcess.start(dir.resolve("gateway.log"), List.of(), "gateway", "--config",
          config.toString());
      List<DecodedFrame> frames = new ArrayList<>();
      List<EnergyPeriod> complete = new ArrayList<>();
      CellChainDecoder decoder = new CellChainDecoder(1);
      try {
        // Three complete 60 s periods are at most 4 simulated minutes: 12 s of wall time at 20x,
        // more on a loaded machine, which runs the lockstep slower but never wrong.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        // ... and until the frames holding the last period's samples are in (a period closes at
        // its first sample after the end, a frame once its ten samples are taken).
        long lastFrameEndMs = Long.MIN_VALUE;
        while ((complete.size() < 3 || lastFrameEndMs < complete.get(2).periodEnd().toEpochMilli())
            && System.nanoTime() < deadline) {
          Message m = LocolinkProcess.next(received, gateway, dir.resolve("gateway.log"));
          if (m == null) {
            continue;
          }
          if (m.topic().endsWith("/telemetry")) {
            DecodedFrame f = decoder.decode(m.payload());
            frames.add(f);
            lastFrameEndMs = Math.max(lastFrameEndMs, f.timeUnixMs() + f.spanMs() + PERIOD_MS);
          } else if (m.topic().endsWith("/energy")) {
            EnergyPeriod e = EnergyRecordCodec.decode(m.payload());
            if ((e.qualityWord() & EnergyQuality.INCOMPLETE_PERIOD.bit()) == 0) {
              complete.add(e);
            }
          }
        }
      } finally {
        gateway.destroy();
        gateway.waitFor(20, TimeUnit.SECONDS);
        ground.disconnect();
      }
      String log = Files.readString(dir.resolve("gateway.log"));
      assertTrue(complete.size() >= 3, "three complete energy records arrived\n" + log);

      frames.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
      long previousLast = Long.MIN_VALUE;
      for (DecodedFrame f : frames) {
        long[] offsets = f.sampleOffsetMs();
        assertEquals(10, offsets.length, "a one-second frame holds ten samples at 10 Hz");
        for (int i = 0; i < offsets.length; i++) {
          assertEquals(i * PERIOD_MS, offsets[i], "sample " + i + " of frame " + f.sequence() + " at its own instant");
        }
        if (previousLast != Long.MIN_VALUE) {
          assertEquals(previousLast + PERIOD_MS, f.timeUnixMs(), "frame " + f.sequence() + " follows the previous one");
        }
        previousLast = f.timeUnixMs() + offsets[offsets.length - 1];
      }

      double totalDischargeWh = 0;
      for (EnergyPeriod e : complete) {
        Instant end = e.periodEnd();
        Instant start = end.minusSeconds(e.periodS());
        double[] flowsWh = integrate(frames, start.toEpochMilli(), end.toEpochMilli());
        double dischargeWh = flowsWh[0];
        double chargeWh = flowsWh[1];
        long brakingAndDepotWh = e.regeneratedWh() + e.depotChargeWh();
        System.out.printf("period to %s: consumed %d Wh / frames %.1f Wh, regenerated + depot %d Wh / frames' "
            + "charge %.1f Wh%n", end, e.consumedWh(), dischargeWh, brakingAndDepotWh, chargeWh);
        assertTrue(dischargeWh + chargeWh > 1, "the pack worked in the period to " + end);
        totalDischargeWh += dischargeWh;
        assertEquals(dischargeWh, e.consumedWh(), 0.01 * dischargeWh + 1, "consumed, period to " + end);
        assertTrue(brakingAndDepotWh <= chargeWh * 1.01 + 1, "regenerated " + e.regeneratedWh() + " Wh + depot "
            + e.depotChargeWh() + " Wh within the pack's inflow of " + chargeWh + " Wh, period to " + end);
      }
      assertTrue(totalDischargeWh > 100, "the battery drove the shunter: " + totalDischargeWh + " Wh");
    }
  }

  /**
   * Discharge and charge in watt-hours between two UTC instants, from the frames' samples: each
   * sample's pack power held over the sample period after it, clipped to the interval.
   *
   * @return {discharge, charge}
   */
  private static double[] integrate(List<DecodedFrame> frames, long fromMs, long toMs) {
    double dischargeJ = 0;
    double chargeJ = 0;
    long firstMs = Long.MAX_VALUE;
    long lastMs = Long.MIN_VALUE;
    for (DecodedFrame f : frames) {
      for (int i = 0; i < f.sampleOffsetMs().length; i++) {
        long t = f.timeUnixMs() + f.sampleOffsetMs()[i];
        long overlapMs = Math.min(t + PERIOD_MS, toMs) - Math.max(t, fromMs);
        if (overlapMs <= 0) {
          continue;
        }
        firstMs = Math.min(firstMs, t);
        lastMs = Math.max(lastMs, t);
        double powerW = f.packVoltageV()[i] * f.packCurrentA()[i];
        dischargeJ += Math.max(powerW, 0) * overlapMs / 1000.0;
        chargeJ += Math.max(-powerW, 0) * overlapMs / 1000.0;
      }
    }
    assertTrue(firstMs <= fromMs && lastMs + PERIOD_MS >= toMs,
        "the frames cover the period from " + Instant.ofEpochMilli(fromMs) + " to " + Instant.ofEpochMilli(toMs));
    return new double[] {dischargeJ / 3600, chargeJ / 3600};
  }

  private static String slashes(Path p) {
    return p.toString().replace("\\", "/");
  }
}
