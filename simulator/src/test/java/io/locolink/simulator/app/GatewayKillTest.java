package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.ground.tools.FleetState;
import io.locolink.ground.tools.GroundSubscriber;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real onboard program ({@code locolink gateway} on the simulator platform) SIGKILLed at seeded
 * random moments and restarted on the same state directory, while the broker (Mosquitto with
 * persistence) is stopped and restarted at random too. A ground subscriber with a persistent session
 * decodes everything; every boot's messages must form an unbroken run of sequence numbers from the
 * first sequence its status states, up to at least the last sequence the next boot says it appended.
 */
class GatewayKillTest {

  private static final String LOCO = "KZ-KILL-1";
  private static final int KILLS = 3;

  private record Message(String topic, byte[] payload) {}

  @Test
  void killedAtRandomTheGatewayLosesNoMessageOfAnyBoot(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(20261202);
    // Mosquitto started as root drops to its own user: its persistence directory must be open to it
    Path db = Files.createTempDirectory("mosquitto-db");
    Files.setPosixFilePermissions(db, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    try (MosquittoBroker broker = MosquittoBroker.start(List.of("persistence true",
        "persistence_location " + db + "/", "autosave_interval 1"))) {
      Path config = dir.resolve("locolink.yaml");
      Files.writeString(config, """
          locomotive:
            id: %s
          platform: simulator
          stateDir: "%s"
          mqtt:
            url: %s
            telemetryQos: 1
            statusIntervalS: 1
          depot:
            enabled: false
          """.formatted(LOCO, dir.resolve("state").toString().replace("\\", "/"), broker.url()));
      BlockingQueue<Message> received = new LinkedBlockingQueue<>();
      MqttClient ground = new MqttClient(broker.url(), "ground-kill", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(false);
      options.setAutomaticReconnect(true);
      options.setMaxInflight(1000);
      ground.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallbackExtended() {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
          if (reconnect) {
            try { // the session is kept by the broker; subscribing again is harmless if it was not
              ground.subscribe("locolink/v1/" + LOCO + "/#", 1);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
              throw new IllegalStateException(e);
            }
          }
        }

        @Override
        public void connectionLost(Throwable cause) {}

        @Override
        public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
          received.add(new Message(topic, m.getPayload()));
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
      });
      ground.connect(options);
      ground.subscribe("locolink/v1/" + LOCO + "/#", 1);

      List<Message> all = new ArrayList<>();
      int brokerRestarts = 0;
      for (int boot = 0; boot <= KILLS; boot++) {
        Process gateway = start(config, dir.resolve("gateway-" + boot + ".log"));
        try {
          // wait for this boot's own telemetry, then let it run a seeded while before the kill
          long bootId = awaitTelemetryOfNewBoot(received, all, gateway, dir.resolve("gateway-" + boot + ".log"));
          if (boot < KILLS) {
            if (random.nextBoolean()) {
              broker.stopGracefully();
              brokerRestarts++;
              drain(received, all, 200 + random.nextInt(800));
              broker.start();
            }
            drain(received, all, 500 + random.nextInt(2500));
            gateway.destroyForcibly();
            assertTrue(gateway.waitFor(20, TimeUnit.SECONDS), "the killed gateway exited");
          } else {
            awaitEmptyQueue(received, all, gateway, bootId, dir.resolve("gateway-" + boot + ".log"));
            gateway.destroy(); // a clean stop publishes the offline status last
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS), "the last gateway stopped");
          }
        } finally {
          gateway.destroyForcibly();
        }
      }
      awaitOffline(received, all);
      ground.disconnect();
      checkEveryBoot(all, brokerRestarts);
    }
  }

  private static Process start(Path config, Path log) throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx96m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "gateway", "--config",
        config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static long bootOf(Message m) throws Exception {
    return headerOf(m).getBootId();
  }

  private static Header headerOf(Message m) throws Exception {
    var message = StreamKind.ofTopicSuffix(m.topic().substring(m.topic().lastIndexOf('/') + 1)).orElseThrow()
        .parse(m.payload());
    return (Header) message.getField(message.getDescriptorForType().findFieldByName("header"));
  }

  /** Waits for the first telemetry frame of a boot not seen before; returns its boot id. */
  private static long awaitTelemetryOfNewBoot(BlockingQueue<Message> received, List<Message> all, Process gateway,
      Path log) throws Exception {
    java.util.Set<Long> before = new java.util.HashSet<>();
    for (Message m : all) {
      before.add(bootOf(m));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      Message m = received.poll(1, TimeUnit.SECONDS);
      if (m == null) {
        assertTrue(gateway.isAlive(), "gateway exited: " + Files.readString(log));
        continue;
      }
      all.add(m);
      if (m.topic().endsWith("/telemetry") && !before.contains(bootOf(m))) {
        return bootOf(m);
      }
    }
    throw new AssertionError("no telemetry from the new boot within 90 s: " + Files.readString(log));
  }

  private static void drain(BlockingQueue<Message> received, List<Message> all, long forMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(forMs);
    for (long left = forMs; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
      Message m = received.poll(left, TimeUnit.MILLISECONDS);
      if (m != null) {
        all.add(m);
      }
    }
  }

  /** Waits for a status of the running boot saying its journal holds nothing unsent. */
  private static void awaitEmptyQueue(BlockingQueue<Message> received, List<Message> all, Process gateway,
      long bootId, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Message m = received.poll(1, TimeUnit.SECONDS);
      if (m == null) {
        assertTrue(gateway.isAlive(), "gateway exited: " + Files.readString(log));
        continue;
      }
      all.add(m);
      if (m.topic().endsWith("/status")) {
        Status s = Status.parseFrom(m.payload());
        if (s.getHeader().getBootId() == bootId && s.getLink() == LinkState.LINK_ONLINE && s.getQueueDepth() == 0) {
          return;
        }
      }
    }
    throw new AssertionError("the last boot's backlog did not drain within 120 s: " + Files.readString(log));
  }

  private static void awaitOffline(BlockingQueue<Message> received, List<Message> all) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Message m = received.poll(1, TimeUnit.SECONDS);
      if (m != null) {
        all.add(m);
        if (m.topic().endsWith("/status") && Status.parseFrom(m.payload()).getLink() == LinkState.LINK_OFFLINE) {
          return;
        }
      }
    }
    throw new AssertionError("no offline status after the clean stop");
  }

  /**
   * Per boot: the sequences received form one unbroken run starting at the first sequence the
   * boot's status states, and reach the last sequence the next boot says it appended. Counted here
   * from the raw headers, and again by the ground tools' gap count, which must say zero.
   */
  private static void checkEveryBoot(List<Message> all, int brokerRestarts) throws Exception {
    Map<Long, TreeSet<Long>> sequences = new HashMap<>();
    Map<Long, Status> statusOf = new HashMap<>();
    FleetState fleet = new FleetState();
    for (Message m : all) {
      String suffix = m.topic().substring(m.topic().lastIndexOf('/') + 1);
      StreamKind kind = StreamKind.ofTopicSuffix(suffix).orElseThrow();
      fleet.accept(new GroundSubscriber.Received(LOCO, kind, m.payload(), 0));
      if (kind == StreamKind.STATUS) {
        Status s = Status.parseFrom(m.payload());
        if (s.getBootFirstSequence() > 0) {
          statusOf.put(s.getHeader().getBootId(), s);
        }
      } else {
        Header h = headerOf(m);
        sequences.computeIfAbsent(h.getBootId(), b -> new TreeSet<>()).add(h.getSequence());
      }
    }
    assertEquals(KILLS + 1, sequences.size(), "messages from every boot: " + sequences.keySet());
    for (Map.Entry<Long, TreeSet<Long>> e : sequences.entrySet()) {
      TreeSet<Long> seqs = e.getValue();
      Status status = statusOf.get(e.getKey());
      assertTrue(status != null, "boot " + Long.toHexString(e.getKey()) + " stated its bounds in a status");
      assertEquals(status.getBootFirstSequence(), seqs.first(), "boot " + Long.toHexString(e.getKey())
          + " delivered from its first sequence");
      assertEquals(seqs.last() - seqs.first() + 1, seqs.size(), "boot " + Long.toHexString(e.getKey())
          + " has no gap: " + seqs.size() + " sequences in " + seqs.first() + ".." + seqs.last());
      for (Status next : statusOf.values()) {
        if (next.getPreviousBootId() == e.getKey()) {
          assertTrue(next.getPreviousBootLastSequence() <= seqs.last(), "boot " + Long.toHexString(e.getKey())
              + " appended up to " + next.getPreviousBootLastSequence() + "; received up to " + seqs.last());
          assertTrue(!next.getPreviousBootClean(), "a killed boot is reported as not ended cleanly");
        }
      }
    }
    assertEquals(0, fleet.snapshot().get(LOCO).gaps, "the ground tools' gap count (" + brokerRestarts
        + " broker restarts)");
  }
}
