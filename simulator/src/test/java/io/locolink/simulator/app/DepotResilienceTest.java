package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.depot.DepotState;
import io.locolink.gateway.depot.PskKeyFile;
import io.locolink.ground.collect.DepotClient;
import io.locolink.proto.v1.DepotServerState;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.pi4j.LockstepClock;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The depot server never takes telemetry down, and {@code /health} tells the truth: a whole
 * gateway on the simulated platform, a real Mosquitto, real CoAP/DTLS sockets.
 */
class DepotResilienceTest {

  static final ObjectMapper JSON = new ObjectMapper();

  private static LocoLinkConfig config(Path dir, MosquittoBroker broker, String depotYaml) throws Exception {
    return ConfigLoader.parse("""
        locomotive: {id: KZ-DEPOT-1, kind: HYBRID}
        platform: simulator
        stateDir: "%s"
        devices: {driveCount: 6}
        mqtt: {url: "%s", statusIntervalS: 1}
        depot: %s
        """.formatted(dir.resolve("state"), broker.url(), depotYaml), LocoLinkConfig.class);
  }

  /**
   * The depot server starts once the start settles (the second telemetry frame), so the retained status published at
   * connect may not say it serves yet: the uplink republishes the status when the depot's state
   * changes. The periodic refresh is an hour here, so a serving status can only come from that.
   */
  @Test
  void theDepotStartedAfterTheFirstFrameIsAnnouncedWithoutWaitingForTheStatusRefresh(@TempDir Path dir)
      throws Exception {
    Path keyFile = DepotKeys.write(dir.resolve("depot-psk"));
    int port = MosquittoBroker.freePort();
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      LocoLinkConfig cfg = ConfigLoader.parse("""
          locomotive: {id: KZ-DEPOT-1, kind: HYBRID}
          platform: simulator
          stateDir: "%s"
          mqtt: {url: "%s", statusIntervalS: 3600}
          depot: {bindAddress: 127.0.0.1, port: %d, pskFile: "%s"}
          """.formatted(dir.resolve("state"), broker.url(), port, keyFile), LocoLinkConfig.class);
      BlockingQueue<byte[]> telemetry = new LinkedBlockingQueue<>();
      BlockingQueue<Status> statuses = new LinkedBlockingQueue<>();
      MqttClient ground = new MqttClient(broker.url(), "ground-depot-start", new MemoryPersistence());
      ground.connect();
      ground.subscribe("locolink/v1/KZ-DEPOT-1/telemetry", 1, (t, m) -> telemetry.add(m.getPayload()));
      ground.subscribe("locolink/v1/KZ-DEPOT-1/status", 1, (t, m) -> statuses.add(Status.parseFrom(m.getPayload())));
      Scenario scenario = LockstepClock.steppedForSampling(Scenarios.builtIn("shunting-day").startingAt(Instant.now()),
          cfg.framing().samplePeriodNanos());
      try (ScenarioRunner runner = ScenarioRunner.create(scenario, 23);
          SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 23);
          Gateway gateway = Gateway.start(cfg, platform,
              LockstepClock.paced(runner, cfg.framing().samplePeriodNanos(), 1), 23, live -> {})) {
        Status first = awaitStatus(statuses, s -> s.getLink() == LinkState.LINK_ONLINE);
        assertTrue(first.getDepotState() == DepotServerState.DEPOT_SERVING
            || first.getDepotState() == DepotServerState.DEPOT_RETRYING && first.getDepotError().isEmpty()
                && first.getDepotFailures() == 0,
            "at connect the depot serves or has not been tried yet: " + first);
        assertNotNull(telemetry.poll(60, TimeUnit.SECONDS), "telemetry flows");
        Status serving = first.getDepotState() == DepotServerState.DEPOT_SERVING ? first
            : awaitStatus(statuses, s -> s.getDepotState() == DepotServerState.DEPOT_SERVING);
        assertEquals("127.0.0.1", serving.getDepotAddress());
        assertEquals(port, serving.getDepotPort());
        assertEquals(List.of(DepotKeys.IDENTITY), serving.getDepotIdentitiesList());
      } finally {
        ground.disconnect();
        ground.close();
      }
    }
  }

  /**
   * The start settles with the second frame span's telemetry: at 10 samples a second and 1 s frames, in the 20th
   * cycle (the first frame is complete with the 10th sample, the second with the 20th). Before that cycle the
   * depot server has not been asked to start, so each of the 19 cycles before it sees it not started; it serves
   * afterwards. Observed on the acquisition thread, after each cycle's handlers.
   */
  @Test
  void theDepotServerStartsOnlyOnceTheStartSettledWithTheSecondFrame(@TempDir Path dir) throws Exception {
    Path keyFile = DepotKeys.write(dir.resolve("depot-psk"));
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      LocoLinkConfig cfg = config(dir, broker, "{bindAddress: 127.0.0.1, port: 0, pskFile: \"%s\"}".formatted(keyFile));
      assertEquals(10, cfg.framing().sampleRateHz());
      assertEquals(1000, cfg.framing().frameSpanMs());
      AtomicReference<Gateway> started = new AtomicReference<>();
      List<String> beforeSettling = new CopyOnWriteArrayList<>();
      Scenario scenario = LockstepClock.steppedForSampling(Scenarios.builtIn("shunting-day").startingAt(Instant.now()),
          cfg.framing().samplePeriodNanos());
      try (ScenarioRunner runner = ScenarioRunner.create(scenario, 29);
          SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 29);
          Gateway gateway = Gateway.start(cfg, platform,
              LockstepClock.paced(runner, cfg.framing().samplePeriodNanos(), 1), 29, live -> {
                Gateway g = started.get();
                if (g == null) {
                  beforeSettling.add("cycle before start() returned");  // it returns once acquisition runs
                } else if (g.settled()) {
                  return;
                } else {
                  DepotState d = g.depotState();
                  beforeSettling.add(d.phase() + ", " + d.failures() + " failures, address '" + d.address() + "'");
                }
              })) {
        started.set(gateway);
        assertTrue(gateway.awaitSettled(Duration.ofSeconds(30)), "settled");
        assertTrue(gateway.awaitDepotStarted(Duration.ofSeconds(60)), "the depot server's first attempt ended");
        assertEquals(19, beforeSettling.size(), "cycles before the one storing the second frame: " + beforeSettling);
        assertEquals(List.of("RETRYING, 0 failures, address ''"), beforeSettling.stream()
            .filter(s -> !s.startsWith("cycle before")).distinct().toList(), "not started: " + beforeSettling);
        assertEquals(DepotState.Phase.SERVING, gateway.depotState().phase());
      }
    }
  }

  @Test
  void aGatewayWhoseDepotAddressIsAbsentPublishesTelemetryAndServesOnceTheAddressAppears(@TempDir Path dir)
      throws Exception {
    String address = absentTestNetAddress();
    Path keyFile = DepotKeys.write(dir.resolve("depot-psk"));
    int port = MosquittoBroker.freePort();
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      LocoLinkConfig cfg = config(dir, broker, "{bindAddress: %s, port: %d, pskFile: \"%s\"}"
          .formatted(address, port, keyFile));
      BlockingQueue<byte[]> telemetry = new LinkedBlockingQueue<>();
      BlockingQueue<Status> statuses = new LinkedBlockingQueue<>();
      MqttClient ground = new MqttClient(broker.url(), "ground-depot", new MemoryPersistence());
      ground.connect();
      ground.subscribe("locolink/v1/KZ-DEPOT-1/telemetry", 1, (t, m) -> telemetry.add(m.getPayload()));
      ground.subscribe("locolink/v1/KZ-DEPOT-1/status", 1, (t, m) -> statuses.add(Status.parseFrom(m.getPayload())));
      Scenario scenario = LockstepClock.steppedForSampling(Scenarios.builtIn("shunting-day").startingAt(Instant.now()),
          cfg.framing().samplePeriodNanos());
      try (ScenarioRunner runner = ScenarioRunner.create(scenario, 21);
          SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 21)) {
        try (Gateway gateway = Gateway.start(cfg, platform,
            LockstepClock.paced(runner, cfg.framing().samplePeriodNanos(), 1), 21, live -> {})) {
          assertNotNull(telemetry.poll(60, TimeUnit.SECONDS), "telemetry flows although the depot cannot bind");
          // Retrying with an error: a failed attempt (before the first attempt the depot is retrying with none).
          Status retrying = awaitStatus(statuses,
              s -> s.getDepotState() == DepotServerState.DEPOT_RETRYING && !s.getDepotError().isEmpty());
          assertTrue(retrying.getDepotError().contains(address), retrying.getDepotError());
          assertEquals(0, retrying.getDepotPort(), "no endpoint announced while not serving");

          ip("addr", "add", address + "/32", "dev", "lo");
          try {
            Status serving = awaitStatus(statuses, s -> s.getDepotState() == DepotServerState.DEPOT_SERVING);
            assertEquals(address, serving.getDepotAddress());
            assertEquals(port, serving.getDepotPort());
            assertEquals(List.of(DepotKeys.IDENTITY), serving.getDepotIdentitiesList());
            byte[] key = PskKeyFile.keyFor(DepotKeys.clientFile(keyFile), DepotKeys.IDENTITY);
            try (DepotClient client = DepotClient.connect(URI.create("coaps://" + address + ":" + port),
                DepotKeys.IDENTITY, key, Duration.ofSeconds(10))) {
              assertEquals(List.of(), client.listTrips(), "the announced endpoint answers over DTLS");
            }
            telemetry.clear();
            assertNotNull(telemetry.poll(30, TimeUnit.SECONDS), "telemetry still flows");
          } finally {
            ip("addr", "del", address + "/32", "dev", "lo");
          }
          Status gone = awaitStatus(statuses, s -> s.getDepotState() == DepotServerState.DEPOT_RETRYING);
          assertTrue(gone.getDepotError().contains(address), "the address left again: " + gone.getDepotError());
        }
      }
      ground.disconnect();
    }
  }

  @Test
  void healthTurnsDegradedWhileADeviceIsOfflineAndOkAgainWhenItRecovers(@TempDir Path dir) throws Exception {
    Path keyFile = DepotKeys.write(dir.resolve("depot-psk"));
    int plainPort = MosquittoBroker.freePort();
    double speed = 10;
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      LocoLinkConfig cfg = config(dir, broker, "{bindAddress: 127.0.0.1, port: 0, plainPort: %d, pskFile: \"%s\"}"
          .formatted(plainPort, keyFile));
      Scenario scenario = LockstepClock.steppedForSampling(Scenarios.builtIn("shunting-day").startingAt(Instant.now()),
          cfg.framing().samplePeriodNanos());
      // The pack's shunt stops acknowledging from 150 s to 210 s of simulated time.
      FaultInjector faults = FaultInjector.of(FaultPlan.parse("nack:pack-shunt@150s+60s"), 31);
      try (ScenarioRunner runner = ScenarioRunner.create(scenario, 31);
          SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, faults, 31)) {
        try (Gateway gateway = Gateway.start(cfg, platform,
            LockstepClock.paced(runner, cfg.framing().samplePeriodNanos(), speed), 31, live -> {})) {
          CoapClient health = new CoapClient("coap://127.0.0.1:" + plainPort + "/health");
          health.setTimeout(5000L);
          try {
            JsonNode ok = awaitHealth(health, ResponseCode.CONTENT);
            assertEquals("ok", ok.get("status").asText(), ok.toString());
            assertEquals(List.of("devices", "journal", "uplink", "clock", "storage"),
                names(ok), "every part of the gateway is reported");
            JsonNode degraded = awaitHealth(health, ResponseCode.SERVICE_UNAVAILABLE);
            assertEquals("degraded", degraded.get("status").asText());
            JsonNode devices = degraded.get("checks").get(0);
            assertEquals("devices", devices.get("name").asText());
            assertTrue(!devices.get("ok").asBoolean() && devices.get("detail").asText().contains("pack-shunt"),
                degraded.toString());
            JsonNode recovered = awaitHealth(health, ResponseCode.CONTENT);
            assertEquals("ok", recovered.get("status").asText(), recovered.toString());
          } finally {
            health.shutdown();
          }
        }
      }
    }
  }

  private static List<String> names(JsonNode health) {
    List<String> out = new java.util.ArrayList<>();
    health.get("checks").forEach(c -> out.add(c.get("name").asText()));
    return out;
  }

  /** Asks {@code /health} until it answers {@code code}; the last answer is in the failure message. */
  private static JsonNode awaitHealth(CoapClient client, ResponseCode code) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String last = "no answer";
    while (System.nanoTime() < end) {
      CoapResponse r = client.get();
      if (r != null) {
        last = r.getCode() + " " + r.getResponseText();
        if (r.getCode() == code) {
          return JSON.readTree(r.getPayload());
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("/health never answered " + code + "; last: " + last);
  }

  private static Status awaitStatus(BlockingQueue<Status> statuses, Predicate<Status> wanted)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Status last = null;
    while (System.nanoTime() < end) {
      Status s = statuses.poll(1, TimeUnit.SECONDS);
      if (s != null && wanted.test(s)) {
        return s;
      }
      last = s == null ? last : s;
    }
    throw new AssertionError("no such status within 60 s; last: " + last);
  }

  /**
   * An address of TEST-NET-1 (RFC 5737, never routed) that no interface here holds, chosen at
   * random so that parallel runs on one machine do not meet.
   */
  private static String absentTestNetAddress() throws IOException {
    for (int i = 0; i < 50; i++) {
      String candidate = "192.0.2." + ThreadLocalRandom.current().nextInt(2, 255);
      if (NetworkInterface.getByInetAddress(InetAddress.getByName(candidate)) == null) {
        return candidate;
      }
    }
    throw new AssertionError("every 192.0.2.x address is taken on this machine");
  }

  /** Runs {@code ip}; needs root and iproute2 (.ci/run installs it; CI runs as root). */
  private static void ip(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("this test adds an address to lo with `ip` (Debian package iproute2): " + e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ip " + String.join(" ", args) + " did not finish");
    assertEquals(0, p.exitValue(), "ip " + String.join(" ", args) + " (needs root): " + out);
  }
}
