package io.locolink.gateway.uplink;

import static io.locolink.gateway.uplink.UplinkFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink against a real Mosquitto: delivery, outages, status and last will, damage, a full journal. */
class PahoUplinkBrokerTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void liveRecordsArriveLeaveTheJournalOnPubackAndStatusAndWillAreRetained() throws Exception {
    try (UplinkFixture f = new UplinkFixture(dir).openJournal(JournalConfig.defaults())) {
      f.startUplink(UplinkFixture.mqtt(f.gate.url(), 1_000_000));
      await("online", WAIT, () -> f.uplink.link().state() == io.locolink.gateway.uplink.LinkState.ONLINE);
      for (int i = 0; i < 50; i++) {
        f.append(StreamKind.TELEMETRY, 20);
        if (i % 10 == 0) {
          f.append(StreamKind.ENERGY, 0);
        }
      }
      f.awaitDrained(WAIT);
      assertEquals(new HashSet<>(f.appended), f.receivedIdentities());
      assertTrue(f.ground.received().stream().filter(r -> !r.kind().equals("status"))
          .noneMatch(r -> r.header().getHistorical()), "nothing was backlog");
      assertEquals(0, f.journal.stats().queueDepthRecords());

      try (Ground late = new Ground(f.broker.url())) {
        await("retained status", WAIT, () -> late.received().stream().anyMatch(r -> r.kind().equals("status")));
        Ground.Received st = late.received().getFirst();
        assertTrue(st.retained());
        assertEquals(LinkState.LINK_ONLINE, Status.parseFrom(st.payload()).getLink());
        assertEquals("locolink/v1/T1/status", st.topic());
      }

      f.gate.cut(); // the link dies without DISCONNECT: the broker publishes the will
      await("last will", WAIT, () -> f.ground.received().stream().filter(r -> r.kind().equals("status"))
          .anyMatch(r -> parseStatus(r.payload()).getLink() == LinkState.LINK_OFFLINE));
      await("link reported down", WAIT, () -> f.events.stream()
          .anyMatch(e -> e.state() == io.locolink.gateway.uplink.LinkState.OFFLINE));
    }
  }

  static Status parseStatus(byte[] b) {
    try {
      return Status.parseFrom(b);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void brokerOutagesLoseNothingAcknowledgedAndBacklogFollowsLiveFlaggedHistoricalInOrder() throws Exception {
    try (UplinkFixture f = new UplinkFixture(dir).openJournal(JournalConfig.defaults())) {
      // live ~5 kB/s (50 frames/s of ~100 bytes), cap 8 kB/s: the backlog gets what is left
      f.startUplink(UplinkFixture.mqtt(f.gate.url(), 8_000));
      AtomicBoolean run = new AtomicBoolean(true);
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      Thread producer = new Thread(() -> {
        try {
          for (int i = 0; run.get(); i++) {
            f.append(StreamKind.TELEMETRY, 40);
            if (i % 10 == 0) {
              f.append(StreamKind.ENERGY, 0);
            }
            if (i % 50 == 0) {
              f.append(StreamKind.ALARM, 0);
            }
            Thread.sleep(20);
          }
        } catch (Throwable t) {
          errors.add(t);
        }
      });
      producer.start();
      for (int outage = 0; outage < 3; outage++) {
        int connects = outage + 1;
        await("connection " + connects, WAIT, () -> f.events.stream()
            .filter(e -> e.state() == io.locolink.gateway.uplink.LinkState.ONLINE).count() >= connects);
        Thread.sleep(300);
        f.outage(Duration.ofMillis(600));
      }
      await("connection after the last outage", WAIT, () -> f.events.stream()
          .filter(e -> e.state() == io.locolink.gateway.uplink.LinkState.ONLINE).count() >= 4);
      Thread.sleep(300);
      run.set(false);
      producer.join();
      assertEquals(List.of(), errors);
      f.awaitDrained(WAIT);

      Set<UplinkFixture.Sent> got = f.receivedIdentities();
      List<UplinkFixture.Sent> missing = f.appended.stream().filter(s -> !got.contains(s)).toList();
      assertEquals(List.of(), missing, "every acknowledged record reached the ground");

      // split the ground's log at each connect (the online status the uplink publishes first)
      List<List<Ground.Received>> connections = new ArrayList<>();
      for (Ground.Received r : f.ground.received()) {
        if (r.kind().equals("status")) {
          if (parseStatus(r.payload()).getLink() == LinkState.LINK_ONLINE) {
            connections.add(new ArrayList<>());
          }
        } else if (!connections.isEmpty()) {
          connections.getLast().add(r);
        }
      }
      assertTrue(connections.size() >= 4, "one connection before and one after each of 3 outages: "
          + connections.size() + " " + f.events.stream()
              .map(e -> e.at().toString().substring(17) + " " + e.state() + " " + e.detail())
              .collect(Collectors.joining("\n")));
      boolean liveOvertookBacklog = false;
      int historical = 0;
      for (List<Ground.Received> conn : connections) {
        Map<String, List<Ground.Received>> byStream = conn.stream().collect(Collectors.groupingBy(Ground.Received::kind));
        for (List<Ground.Received> stream : byStream.values()) {
          assertIncreasing(stream.stream().filter(r -> r.header().getHistorical()).toList());
          assertIncreasing(stream.stream().filter(r -> !r.header().getHistorical()).toList());
        }
        int lastHistorical = -1;
        long maxHistoricalSeq = 0;
        for (int i = 0; i < conn.size(); i++) {
          if (conn.get(i).header().getHistorical()) {
            lastHistorical = i;
            maxHistoricalSeq = Math.max(maxHistoricalSeq, conn.get(i).header().getSequence());
            historical++;
          }
        }
        for (int i = 0; i < lastHistorical; i++) {
          Ground.Received r = conn.get(i);
          if (!r.header().getHistorical() && r.header().getSequence() > maxHistoricalSeq) {
            liveOvertookBacklog = true;
          }
        }
      }
      assertTrue(historical > 0, "records held during the outages came back flagged historical");
      assertTrue(liveOvertookBacklog, "live records were sent while the capped backlog was still draining");
      long reconnects = f.events.stream().filter(e -> e.state() == io.locolink.gateway.uplink.LinkState.ONLINE).count();
      assertTrue(reconnects >= 4);
    }
  }

  static void assertIncreasing(List<Ground.Received> msgs) {
    for (int i = 1; i < msgs.size(); i++) {
      assertTrue(msgs.get(i).header().getSequence() > msgs.get(i - 1).header().getSequence(),
          "out of order in " + msgs.get(i).kind() + ": " + msgs.get(i - 1).header().getSequence() + " then "
              + msgs.get(i).header().getSequence());
    }
  }

  @Test
  void damagedJournalStartsReportsTheDamageAndSendsTheRest() throws Exception {
    UplinkFixture.Sent[] sent = new UplinkFixture.Sent[20];
    long boot = 99;
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), InstantSource.system())) {
      for (int i = 0; i < 20; i++) {
        long s = j.nextSequence();
        j.append(StreamKind.ENERGY, s, Synthetic.message(StreamKind.ENERGY, "T1", boot, s, 0, 0));
        sent[i] = new UplinkFixture.Sent(StreamKind.ENERGY, boot, s);
      }
    }
    Path seg;
    try (var files = Files.list(dir.resolve("energy"))) {
      seg = files.findFirst().orElseThrow();
    }
    byte[] data = Files.readAllBytes(seg);
    int recordBytes = data.length / 20;
    data[5 * recordBytes + 30] ^= 0x40;                   // inside record 5
    byte[] torn = java.util.Arrays.copyOf(data, data.length - 3); // record 19 torn
    Files.write(seg, torn);

    try (UplinkFixture f = new UplinkFixture(dir).openJournal(JournalConfig.defaults())) {
      assertEquals(1, f.journal.recovery().damagedRegions());
      assertEquals(1, f.journal.recovery().tornTails());
      f.startUplink(UplinkFixture.mqtt(f.gate.url(), 1_000_000));
      f.awaitDrained(WAIT);
      Set<UplinkFixture.Sent> expected = new HashSet<>(List.of(sent));
      expected.remove(sent[5]);
      expected.remove(sent[19]);
      assertEquals(expected, f.receivedIdentities());
      assertTrue(f.ground.received().stream().filter(r -> r.kind().equals("energy"))
          .allMatch(r -> r.header().getHistorical()), "records from before the start are backlog");
    }
  }

  @Test
  void fullJournalDuringAnOutageThinsTelemetryKeepsEnergyAndAlarmsAndReportsDrops() throws Exception {
    JournalConfig small = JournalConfig.sized(65_536L, 8192L);
    try (UplinkFixture f = new UplinkFixture(dir).openJournal(small)) {
      f.gate.cut();
      f.startUplink(UplinkFixture.mqtt(f.gate.url(), 1_000_000));
      Set<UplinkFixture.Sent> precious = new HashSet<>();
      for (int i = 0; i < 300; i++) {
        f.append(StreamKind.TELEMETRY, 450); // ~1 kB
        if (i % 20 == 0) {
          precious.add(new UplinkFixture.Sent(StreamKind.ENERGY, f.bootId, f.append(StreamKind.ENERGY, 0)));
          precious.add(new UplinkFixture.Sent(StreamKind.ALARM, f.bootId, f.append(StreamKind.ALARM, 0)));
        }
      }
      long dropped = f.journal.stats().droppedTelemetry();
      assertTrue(dropped > 200, "dropped " + dropped);
      assertEquals(0, f.journal.stats().droppedOther());
      f.gate.open();
      f.awaitDrained(WAIT);
      Set<UplinkFixture.Sent> got = f.receivedIdentities();
      assertTrue(got.containsAll(precious), "every energy record and alarm arrived");
      long telemetry = got.stream().filter(s -> s.kind() == StreamKind.TELEMETRY).count();
      assertEquals(300 - dropped, telemetry);
      Status online = f.ground.received().stream().filter(r -> r.kind().equals("status"))
          .map(r -> parseStatus(r.payload())).filter(s -> s.getLink() == LinkState.LINK_ONLINE).findFirst().orElseThrow();
      assertEquals(dropped, online.getDroppedTelemetry(), "the status carries the drop counter");
      assertEquals(300 - dropped + precious.size(), online.getQueueDepth());
    }
  }

  @Test
  void failedConnectsLeaveNoPahoThreadsBehind() throws Exception {
    // refused connections, and a peer that accepts and closes at once (Paho 1.2.5's connect thread
    // spins forever there unless the uplink guards against it)
    for (boolean acceptAndClose : new boolean[] {false, true}) {
      java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
      Path jdir = dir.resolve("j" + acceptAndClose);
      try (Journal j = Journal.open(jdir, JournalConfig.defaults(), InstantSource.system());
          TcpGate gate = new TcpGate(MosquittoBroker.freePort())) {
        if (acceptAndClose) {
          gate.acceptAndClose();
        } else {
          gate.cut();
        }
        Uplink up = Uplinks.mqtt(new io.locolink.gateway.config.MqttConfig(gate.url(),
            null, null, null, null, null, 1, 8, 10_000L, new io.locolink.gateway.config.MqttConfig.Reconnect(10, 40),
            5, 1, 60, false), "T1", j, ProtoStatusEncoder.of("T1", 1), InstantSource.system(), new SplittableRandom(3));
        List<LinkEvent> events = new CopyOnWriteArrayList<>();
        up.addLinkListener(events::add);
        up.start();
        await("6 failed attempts", WAIT, () -> events.stream()
            .filter(e -> e.state() == io.locolink.gateway.uplink.LinkState.OFFLINE).count() >= 6);
        assertTrue(pahoThreadsSince(before).size() <= 6,
            "at most one attempt's threads alive: " + pahoThreadsSince(before));
        LinkEvent down = events.stream().filter(e -> e.state() == io.locolink.gateway.uplink.LinkState.OFFLINE)
            .findFirst().orElseThrow();
        assertEquals(LinkFault.UNREACHABLE, down.fault().orElseThrow(), down.detail());
        up.close();
        awaitThreadsEnded(before);
        assertEquals(io.locolink.gateway.uplink.LinkState.CLOSED, up.link().state());
      }
    }
  }

  @Test
  void closeWhileConnectedStillPublishesTheOfflineStatus() throws Exception {
    try (UplinkFixture f = new UplinkFixture(dir).openJournal(JournalConfig.defaults())) {
      f.startUplink(UplinkFixture.mqtt(f.broker.url(), 1_000_000));
      await("online", WAIT, () -> f.uplink.link().state() == io.locolink.gateway.uplink.LinkState.ONLINE);
      f.uplink.close(); // a clean DISCONNECT: the broker drops the will, so OFFLINE can only come from the uplink
      assertEquals(io.locolink.gateway.uplink.LinkState.CLOSED, f.uplink.link().state());
      await("offline status", WAIT, () -> f.ground.received().stream().filter(r -> r.kind().equals("status"))
          .anyMatch(r -> parseStatus(r.payload()).getLink() == LinkState.LINK_OFFLINE));
    }
  }

  @Test
  void closeAbortsAConnectThatTheBrokerNeverAnswers() throws Exception {
    // a peer that accepts TCP and then never sends CONNACK: the connect would block for the whole
    // connect timeout (60 s here), far longer than close may take
    java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
    try (Journal j = Journal.open(dir.resolve("j"), JournalConfig.defaults(), InstantSource.system());
        java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept());
          }
        } catch (java.io.IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Uplink up = Uplinks.mqtt(new io.locolink.gateway.config.MqttConfig("tcp://127.0.0.1:" + silent.getLocalPort(),
          null, null, null, null, null, 1, 8, 10_000L, new io.locolink.gateway.config.MqttConfig.Reconnect(10, 40),
          5, 60, 60, false), "T1", j, ProtoStatusEncoder.of("T1", 1), InstantSource.system(), new SplittableRandom(3));
      up.start();
      await("the uplink connected by TCP and waits for CONNACK", WAIT, () -> !accepted.isEmpty());
      assertEquals(io.locolink.gateway.uplink.LinkState.CONNECTING, up.link().state());
      up.close();
      assertEquals(io.locolink.gateway.uplink.LinkState.CLOSED, up.link().state(), "close returned with the link "
          + up.link());
      // an abort that closed the socket before Paho's receiver first looked at it left Paho's connect
      // thread polling for the receiver for ever (EarlyEndGuardTest has the cause on its own)
      awaitThreadsEnded(before);
      for (java.net.Socket s : accepted) {
        s.close();
      }
    }
  }

  /**
   * Waits until every Paho and uplink thread started since {@code before} has ended; fails, naming
   * each one left and where it is, if any is still alive after {@link #WAIT}. Close waits 2 s for
   * Paho's threads and then leaves them ending, which on a loaded machine can take longer; a thread
   * that never ends fails here. Threads another test class in the same JVM is still ending do not count.
   */
  static void awaitThreadsEnded(java.util.Set<Thread> before) throws InterruptedException {
    try {
      await("no Paho or uplink thread outlives close", WAIT, () -> pahoThreadsSince(before).isEmpty());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ":\n" + Thread.getAllStackTraces().entrySet().stream()
          .filter(t -> t.getKey().isAlive() && !before.contains(t.getKey()) && isPahoOrUplink(t.getKey().getName()))
          .map(t -> t.getKey().getName() + " " + t.getKey().getState() + " " + java.util.Arrays.toString(t.getValue()))
          .collect(Collectors.joining("\n")), e);
    }
  }

  /** The live Paho and uplink threads that were not in {@code before}. */
  static List<String> pahoThreadsSince(java.util.Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !before.contains(t))
        .map(Thread::getName).filter(PahoUplinkBrokerTest::isPahoOrUplink).toList();
  }

  private static boolean isPahoOrUplink(String threadName) {
    return threadName.startsWith("uplink-") || threadName.startsWith("MQTT");
  }
}
