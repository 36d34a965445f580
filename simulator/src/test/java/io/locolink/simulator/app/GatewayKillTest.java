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
import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;
import io.locolink.gateway.framing.AlarmCodec;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.simulator.testing.LocolinkProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real onboard program ({@code locolink gateway} on the simulator platform at 50x) SIGKILLed at
 * seeded random moments and restarted on the same state directory (and journal.volatileDir, which a
 * kill leaves as it is), while the broker (Mosquitto with
 * persistence) is stopped and restarted at random too. A ground subscriber with a persistent session
 * decodes everything:
 * <ul>
 *   <li>every boot's messages form an unbroken run of sequence numbers from the first sequence its
 *       status states, up to at least the last sequence the next boot says it appended;
 *   <li>the simulated clock goes on across restarts: no boot's first message is older than the
 *       previous boot's last;
 *   <li>every 5-minute energy period of the run arrives exactly once, one after the other, except
 *       where a kill cut the period in progress: the next record then says power-fail recovery; the
 *       period in progress at the final clean stop is kept in the state directory, not sent;
 *   <li>every alarm event a boot journaled (its log says so) is received. The scenario's insulation
 *       leaks, repeated in every boot, make sure there are some.
 * </ul>
 */
class GatewayKillTest {

  private static final String LOCO = "KZ-KILL-1";
  private static final int KILLS = 3;
  private static final int PERIOD_S = 300;
  /** Oldest unsent record's age, in simulated seconds, that only live records in flight can have. */
  private static final int LIVE_AGE_S = 5;
  private static final Pattern JOURNALED_ALARM = Pattern.compile("alarm (\\S+) (\\S+) (\\S+) at (\\S+) journaled");

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
          journal:
            # telemetry in a directory of its own, as the unit's runtime directory: a kill keeps it
            volatileDir: "%s"
          simulator:
            speed: 50
            # 100 kOhm from the DC bus to chassis: below 500 ohm/V, an insulation NOTE raised and cleared
            faults: insulation-leak=100000@30s+60s,insulation-leak=100000@240s+60s
          mqtt:
            url: %s
            telemetryQos: 1
            statusIntervalS: 1
          depot:
            enabled: false
          """.formatted(LOCO, dir.resolve("state").toString().replace("\\", "/"),
              dir.resolve("run").resolve("journal").toString().replace("\\", "/"), broker.url()));
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
            // The broker keeps the session; subscribing again is harmless if it did not. Never from
            // this callback: Paho v3 completes a SUBACK's token on its callback thread, so a blocking
            // subscribe here waits forever and no message is delivered again.
            Thread.ofVirtual().start(() -> {
              try {
                ground.subscribe("locolink/v1/" + LOCO + "/#", 1);
              } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                System.err.println("ground: subscribing again failed: " + e);
              }
            });
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
            drain(received, all, 2000 + random.nextInt(5000));
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
      checkClockGoesOn(all);
      checkEveryPeriodOnce(all, dir.resolve("state"));
      checkEveryAlarmReceived(all, dir);
    }
  }

  /**
   * Per boot in order of their first message, the first and last header time: never back. Trip
   * summaries are left out: their header carries the trip's start, which may lie in an earlier boot.
   */
  private static void checkClockGoesOn(List<Message> all) throws Exception {
    Map<Long, Instant[]> span = new LinkedHashMap<>();
    for (Message m : all) {
      if (m.topic().endsWith("/status") || m.topic().endsWith("/trip")) {
        continue;
      }
      Header h = headerOf(m);
      Instant t = Instant.ofEpochMilli(h.getTimeUnixMs());
      Instant[] s = span.computeIfAbsent(h.getBootId(), b -> new Instant[] {t, t});
      s[0] = t.isBefore(s[0]) ? t : s[0];
      s[1] = t.isAfter(s[1]) ? t : s[1];
    }
    Instant previousLast = null;
    for (Instant[] s : span.values()) {
      if (previousLast != null) {
        assertTrue(!s[0].isBefore(previousLast), "a boot starting at " + s[0] + " went back before the previous "
            + "boot's last message at " + previousLast + ": " + span.values().stream().map(Arrays::toString).toList());
      }
      previousLast = s[1];
    }
  }

  /**
   * Every period end once, each 5 minutes after the one before, except after a kill: the first
   * record after the hole says power-fail recovery. The clean stop's period is kept, not sent.
   */
  private static void checkEveryPeriodOnce(List<Message> all, Path stateDir) throws Exception {
    Map<String, EnergyPeriod> byMessage = new LinkedHashMap<>();  // (boot, sequence): a redelivery is one message
    for (Message m : all) {
      if (m.topic().endsWith("/energy")) {
        Header h = headerOf(m);
        byMessage.putIfAbsent(h.getBootId() + "/" + h.getSequence(), EnergyRecordCodec.decode(m.payload()));
      }
    }
    TreeMap<Instant, EnergyPeriod> byEnd = new TreeMap<>();
    for (EnergyPeriod p : byMessage.values()) {
      EnergyPeriod twice = byEnd.put(p.periodEnd(), p);
      assertTrue(twice == null, "the period ending " + p.periodEnd() + " arrived twice: " + twice + " and " + p);
    }
    assertTrue(byEnd.size() >= 2, "the run spans several periods: " + byEnd.keySet());
    Instant previous = null;
    for (EnergyPeriod p : byEnd.values()) {
      assertEquals(PERIOD_S, p.periodS());
      if (previous != null && !p.periodEnd().equals(previous.plusSeconds(PERIOD_S))) {
        assertTrue((p.qualityWord() & EnergyQuality.POWER_RECOVERY.bit()) != 0, "periods from " + previous + " to "
            + p.periodEnd() + " are missing and no kill explains it: " + p);
      }
      previous = p.periodEnd();
    }
    Properties kept = new Properties();
    try (var in = Files.newInputStream(stateDir.resolve("energy-period"))) {
      kept.load(in);
    }
    Instant keptEnd = Instant.parse(kept.getProperty("slotStart")).plusSeconds(PERIOD_S);
    assertTrue(keptEnd.isAfter(byEnd.lastKey()), "the clean stop kept the period after the last one sent ("
        + byEnd.lastKey() + "), not " + keptEnd);
  }

  /** Every alarm event a boot's log says it journaled arrived, at least one of them. */
  private static void checkEveryAlarmReceived(List<Message> all, Path dir) throws Exception {
    Set<String> received = new HashSet<>();
    for (Message m : all) {
      if (m.topic().endsWith("/alarm")) {
        AlarmEvent e = AlarmCodec.decode(m.payload());
        received.add(e.code() + " " + e.tier() + " " + e.kind() + " " + e.utc().truncatedTo(ChronoUnit.MILLIS));
      }
    }
    List<String> journaled = new ArrayList<>();
    for (int boot = 0; boot <= KILLS; boot++) {
      Matcher m = JOURNALED_ALARM.matcher(Files.readString(dir.resolve("gateway-" + boot + ".log")));
      while (m.find()) {
        journaled.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " "
            + Instant.parse(m.group(4)).truncatedTo(ChronoUnit.MILLIS));  // the wire carries milliseconds
      }
    }
    assertTrue(journaled.stream().anyMatch(a -> a.startsWith("INSULATION_LOW")), "the leaks raised alarms: "
        + journaled);
    List<String> missing = journaled.stream().filter(a -> !received.contains(a)).toList();
    assertEquals(List.of(), missing, "journaled alarms that never arrived (received: " + received + ")");
  }

  private static Process start(Path config, Path log) throws Exception {
    return LocolinkProcess.start(log, List.of("-Xmx96m"), "gateway", "--config", config.toString());
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
    int seen = all.size();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      Message m = LocolinkProcess.next(received, gateway, log);
      if (m == null) {
        continue;
      }
      all.add(m);
      if (m.topic().endsWith("/telemetry") && !before.contains(bootOf(m))) {
        return bootOf(m);
      }
    }
    throw new AssertionError("no telemetry from the new boot within 90 s (the ground received " + (all.size() - seen)
        + " messages meanwhile): " + Files.readString(log));
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

  /**
   * Waits for a status of the running boot saying its journal holds nothing older than the live
   * records in flight. At 50x a record is appended every 20 ms of wall time, about one round trip
   * to the broker, so the queue is rarely empty; its oldest record's age tells a backlog from that.
   */
  private static void awaitEmptyQueue(BlockingQueue<Message> received, List<Message> all, Process gateway,
      long bootId, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Status last = null;
    while (System.nanoTime() < deadline) {
      Message m = LocolinkProcess.next(received, gateway, log);
      if (m == null) {
        continue;
      }
      all.add(m);
      if (m.topic().endsWith("/status")) {
        Status s = Status.parseFrom(m.payload());
        last = s;
        if (s.getHeader().getBootId() == bootId && s.getLink() == LinkState.LINK_ONLINE
            && s.getOldestUnsentAgeS() <= LIVE_AGE_S) {
          return;
        }
      }
    }
    throw new AssertionError("the last boot's backlog did not drain within 120 s; last status: " + last + "\n"
        + Files.readString(log));
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
