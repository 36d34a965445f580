package io.locolink.simulator.app;

import static io.locolink.simulator.testing.LocolinkCli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.proto.v1.TripSummary;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.pi4j.LockstepClock;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The depot's path end to end: the gateway on a shunting day run 50x faster than real time ends a
 * trip at the first two minutes standing still, publishes its summary to a real Mosquitto, and
 * depot staff pull the trip log over CoAP/DTLS and turn it into a report.
 */
class TripToDepotTest {

  @Test
  void aFinishedTripIsPublishedPulledOverDtlsAndReported(@TempDir Path dir) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      Path keyFile = DepotKeys.write(dir.resolve("depot-psk"));
      int depotPort = MosquittoBroker.freePort();
      LocoLinkConfig cfg = ConfigLoader.parse("""
          locomotive: {id: KZ-TRIP-1, kind: HYBRID}
          platform: simulator
          stateDir: "%s"
          devices: {driveCount: 6}
          mqtt: {url: "%s"}
          trips: {idleGapS: 120, keyOffGraceS: 60, flushIntervalS: 1}
          depot: {bindAddress: 127.0.0.1, port: %d, pskFile: "%s"}
          """.formatted(dir.resolve("state"), broker.url(), depotPort, keyFile), LocoLinkConfig.class);

      BlockingQueue<byte[]> summaries = new LinkedBlockingQueue<>();
      MqttClient ground = new MqttClient(broker.url(), "ground-trips", new MemoryPersistence());
      ground.connect();
      ground.subscribe("locolink/v1/KZ-TRIP-1/trip", 1, (t, m) -> summaries.add(m.getPayload()));

      double speed = 50;
      Scenario scenario = LockstepClock.steppedForSampling(Scenarios.builtIn("shunting-day").startingAt(Instant.now()),
        cfg.framing().samplePeriodNanos());
      TripSummary summary;
      try (ScenarioRunner runner = ScenarioRunner.create(scenario, 11);
          SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 11)) {
        try (Gateway gateway = Gateway.start(cfg, platform,
            LockstepClock.paced(runner, cfg.framing().samplePeriodNanos(), speed), 11, live -> {})) {
          byte[] bytes = summaries.poll(150, TimeUnit.SECONDS);
          assertTrue(bytes != null, "a trip ended and its summary reached the ground");
          summary = TripSummary.parseFrom(bytes);
        }
      }
      ground.disconnect();
      assertEquals("KZ-TRIP-1", summary.getHeader().getLocomotiveId());
      assertTrue(summary.getEndUnixMs() > summary.getStartUnixMs());
      assertTrue(summary.getFrames() > 0, "frames logged: " + summary.getFrames());
      assertTrue(summary.getSocStartPermille() > 0 && summary.getSocStartPermille() <= 1000);

      // The gateway is stopped; start one more on the same state to serve the depot, as in the yard.
      Path out = dir.resolve("pulled");
      try (ScenarioRunner runner = ScenarioRunner.create(scenario, 12);
          SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 12);
          Gateway gateway = Gateway.start(cfg, platform,
              LockstepClock.paced(runner, cfg.framing().samplePeriodNanos(), 1), 12, live -> {})) {
        assertTrue(gateway.awaitDepotStarted(Duration.ofSeconds(60)), "the depot server's first attempt ended");
        String pulled = run("depot", "pull", "--gateway", "coaps://127.0.0.1:" + depotPort,
            "--identity", DepotKeys.IDENTITY, "--key-file", DepotKeys.clientFile(keyFile).toString(),
            "--out", out.toString());
        assertTrue(pulled.contains(summary.getTripId()), pulled);
      }
      Path log = out.resolve(summary.getTripId() + ".llt");
      assertTrue(Files.size(log) > 0, "trip log downloaded under its final name");
      try (Stream<Path> files = Files.list(out)) {
        List<Path> partial = files.filter(p -> p.toString().endsWith(".part")).toList();
        assertEquals(List.of(), partial, "no partial file left");
      }
      Path html = dir.resolve("trip.html");
      run("report", log.toString(), "--out", html.toString());
      String page = Files.readString(html);
      assertTrue(page.contains("<svg") && page.contains(summary.getTripId()), "report with charts");
    }
  }
}
