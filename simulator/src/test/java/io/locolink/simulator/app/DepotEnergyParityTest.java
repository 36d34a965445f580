package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.depot.DepotState;
import io.locolink.gateway.depot.PskKeyFile;
import io.locolink.ground.collect.DepotClient;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.pi4j.LockstepClock;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EN 50463 energy records a gateway publishes over MQTT and those its depot server serves over
 * CoAP/DTLS for the same periods are the same records, value for value.
 */
class DepotEnergyParityTest {

  @Test
  void energyRecordsOverCoapEqualThosePublishedOverMqtt(@TempDir Path dir) throws Exception {
    Path keyFile = DepotKeys.write(dir.resolve("depot-psk"));
    double speed = 60;  // a 5-minute period every 5 s
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      LocoLinkConfig cfg = ConfigLoader.parse("""
          locomotive: {id: KZ-ENERGY-1, kind: HYBRID}
          platform: simulator
          stateDir: "%s"
          devices: {driveCount: 6}
          mqtt: {url: "%s"}
          depot: {bindAddress: 127.0.0.1, port: 0, pskFile: "%s"}
          """.formatted(dir.resolve("state"), broker.url(), keyFile), LocoLinkConfig.class);
      BlockingQueue<EnergyRecord> published = new LinkedBlockingQueue<>();
      MqttClient ground = new MqttClient(broker.url(), "ground-energy", new MemoryPersistence());
      ground.connect();
      ground.subscribe("locolink/v1/KZ-ENERGY-1/energy", 1, (t, m) -> published.add(EnergyRecord.parseFrom(m.getPayload())));
      Scenario scenario = LockstepClock.steppedForSampling(Scenarios.builtIn("shunting-day").startingAt(Instant.now()),
          cfg.framing().samplePeriodNanos());
      try (ScenarioRunner runner = ScenarioRunner.create(scenario, 41);
          SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 41)) {
        try (Gateway gateway = Gateway.start(cfg, platform,
            LockstepClock.paced(runner, cfg.framing().samplePeriodNanos(), speed), 41, live -> {})) {
          List<EnergyRecord> mqtt = new ArrayList<>();
          while (mqtt.size() < 3) {
            EnergyRecord r = published.poll(120, TimeUnit.SECONDS);
            assertTrue(r != null, "energy records published over MQTT; got " + mqtt.size());
            // A record the uplink sent from its backlog (the broker connection not yet up when it was
            // journalled: a loaded machine) carries the historical flag in its header and may come after a
            // later one; the flag is the transport's, not the record's, and the depot serves the record as stored.
            mqtt.add(r.toBuilder().setHeader(r.getHeader().toBuilder().clearHistorical()).build());
          }
          mqtt.sort(Comparator.comparingLong(EnergyRecord::getPeriodEndUnixS));
          assertTrue(gateway.awaitDepotStarted(Duration.ofSeconds(60)), "the depot server's first attempt ended");
          DepotState depot = gateway.depotState();
          assertEquals(DepotState.Phase.SERVING, depot.phase());
          Instant from = Instant.ofEpochSecond(mqtt.get(0).getPeriodEndUnixS() - mqtt.get(0).getPeriodS());
          Instant to = Instant.ofEpochSecond(mqtt.get(2).getPeriodEndUnixS());
          byte[] key = PskKeyFile.keyFor(DepotKeys.clientFile(keyFile), DepotKeys.IDENTITY);
          try (DepotClient client = DepotClient.connect(URI.create("coaps://127.0.0.1:" + depot.port()),
              DepotKeys.IDENTITY, key, Duration.ofSeconds(10))) {
            // The three that came first need not be consecutive (two from the backlog, one live): each is
            // looked up by its period in the depot's answer for the whole span.
            List<EnergyRecord> coap = client.energy(from, to);
            assertTrue(coap.size() >= 3, "at least the three periods: " + coap);
            for (int i = 0; i < 3; i++) {
              EnergyRecord m = mqtt.get(i);
              EnergyRecord c = coap.stream().filter(r -> r.getPeriodEndUnixS() == m.getPeriodEndUnixS()).findFirst()
                  .orElseThrow(() -> new AssertionError("the depot serves the period ending " + m.getPeriodEndUnixS()
                      + ": " + coap));
              assertEquals(m.getPeriodEndUnixS(), c.getPeriodEndUnixS());
              assertEquals(m.getPeriodS(), c.getPeriodS());
              assertEquals(m.getConsumedWh(), c.getConsumedWh());
              assertEquals(m.getRegeneratedWh(), c.getRegeneratedWh());
              assertEquals(m.getDepotChargeWh(), c.getDepotChargeWh());
              assertEquals(m.getGensetWh(), c.getGensetWh());
              assertEquals(m.getDieselMl(), c.getDieselMl());
              assertEquals(m.getQualityWord(), c.getQualityWord());
              assertEquals(m.getEnergyStatus(), c.getEnergyStatus());
              assertEquals(m.getCo2AvoidedG(), c.getCo2AvoidedG());
              assertEquals(m, c, "the whole record, every field");
            }
            assertTrue(mqtt.stream().anyMatch(r -> r.getConsumedWh() > 0 || r.getRegeneratedWh() > 0),
                "a shunting day moves: energy flowed in these periods");
          }
        }
      }
      ground.disconnect();
    }
  }
}
