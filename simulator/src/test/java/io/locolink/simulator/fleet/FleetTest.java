package io.locolink.simulator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.CellChainDecoder;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.testing.MosquittoBroker;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Small fleets of gateway pipelines against a real Mosquitto: every message arrives, no gaps. */
class FleetTest {

  /** The reference pack: 216 LFP cells in series (reference locomotive). */
  private static final int CELLS = 216;
  /** LFP operating window per cell, volts. */
  private static final double CELL_MIN_V = 2.5;
  private static final double CELL_MAX_V = 3.65;

  @Test
  void twentyDirectLocomotivesAndFivePlainPublishersLoseNothing() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain(); Tap tap = new Tap(broker.url())) {
      // 1 s of warm-up, then 3 s timed: the warm-up's messages count like the others
      FleetOptions options = new FleetOptions(broker.url(), 20, 5, Duration.ofSeconds(3), "shunting-day", 1, 3,
          Acquisition.DIRECT, null, Duration.ofSeconds(1));
      FleetReport report = new Fleet(options, InstantSource.system()).run();

      // at least a frame each however slow the machine; the run lasts 4 s of wall time
      assertTrue(report.telemetryPublished() >= 20, report.summary());
      assertEquals(20, report.ground().senders(), report.summary());
      assertEquals(0, report.ground().gaps(), report.summary());
      assertEquals(report.telemetryPublished(), report.telemetryReceived() - report.ground().duplicates(),
          report.summary());
      assertEquals(report.telemetryPublished() + report.recordsPublished(), report.acknowledged(), report.summary());
      assertTrue(report.locomotivesComplete(), report.summary());
      assertEquals(5, report.plain().senders(), report.summary());
      assertTrue(report.plainComplete(), report.summary());
      assertFramesAreTheGateways(tap, 20);
    }
  }

  @Test
  void locomotivesReadingEmulatedChipsLoseNothing() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain(); Tap tap = new Tap(broker.url())) {
      FleetOptions options = new FleetOptions(broker.url(), 4, 0, Duration.ofSeconds(4), "shunting-day", 7, 1,
          Acquisition.CHIPS);
      FleetReport report = new Fleet(options, InstantSource.system()).run();

      assertTrue(report.telemetryPublished() >= 4, report.summary());
      assertEquals(4, report.ground().senders(), report.summary());
      assertTrue(report.locomotivesComplete(), report.summary());
      assertFramesAreTheGateways(tap, 4);
    }
  }

  /**
   * Frames decode with the gateway's decoder, carry the whole pack and six drives (the reference
   * hybrid shunter), one sample each, and each locomotive's sequence numbers, shared by its
   * telemetry, energy records (one closes if the run crosses a period end) and alarms, run 1, 2,
   * 3 ... with none missing.
   */
  private static void assertFramesAreTheGateways(Tap tap, int locomotives) throws Exception {
    Map<String, List<Long>> sequences = new TreeMap<>();
    List<Header> recordHeaders = new ArrayList<>();
    for (byte[] payload : tap.energy()) {
      recordHeaders.add(EnergyRecord.parseFrom(payload).getHeader());
    }
    for (byte[] payload : tap.alarms()) {
      recordHeaders.add(Alarm.parseFrom(payload).getHeader());
    }
    for (Header h : recordHeaders) {
      sequences.computeIfAbsent(h.getLocomotiveId(), k -> new ArrayList<>()).add(h.getSequence());
    }
    CellChainDecoder decoder = new CellChainDecoder(locomotives);
    for (byte[] payload : tap.frames()) {
      DecodedFrame f = decoder.decode(payload);
      assertEquals(CELLS, f.cellVoltagesV().length, "cells in " + f.locomotiveId());
      for (double v : f.cellVoltagesV()) {
        assertTrue(v > CELL_MIN_V && v < CELL_MAX_V, "LFP cell voltage " + v + " V in " + f.locomotiveId());
      }
      double sum = 0;
      for (double v : f.cellVoltagesV()) {
        sum += v;
      }
      assertEquals(sum, f.lastPackVoltageV(), 0.02 * sum, "pack voltage is the sum of its series cells");
      assertEquals(6, f.drives().size());
      assertNotNull(f.genset(), "the hybrid reports its genset");
      assertEquals(1, f.sampleOffsetMs().length, "1 Hz sampling, 1 s frames");
      assertNotNull(f.state(), "the estimator's state rides in the frame");
      sequences.computeIfAbsent(f.locomotiveId(), k -> new ArrayList<>()).add(f.sequence());
    }
    assertEquals(locomotives, sequences.size(), sequences.keySet().toString());
    sequences.forEach((loco, seqs) -> {
      List<Long> sorted = seqs.stream().sorted().toList();
      assertFalse(sorted.isEmpty());
      for (int i = 0; i < sorted.size(); i++) {
        assertEquals(i + 1, sorted.get(i), loco + " sequence " + sorted);
      }
    });
  }

  @Test
  void twoRunsOnOneBrokerKeepApart() throws Exception {
    // Two integrators start a fleet each, with the same options, on one broker at once: each run
    // keeps its clients connected (none takes another's client id), and its counter gets all of its
    // own messages and none of the other's (their shared subscriptions are not one group).
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      FleetOptions options = new FleetOptions(broker.url(), 3, 2, Duration.ofSeconds(4), "shunting-day", 1, 2,
          Acquisition.DIRECT);
      java.util.concurrent.Callable<FleetReport> run = () -> new Fleet(options, InstantSource.system()).run();
      List<FleetReport> reports = new ArrayList<>();
      try (var both = java.util.concurrent.Executors.newFixedThreadPool(2)) {
        var first = both.submit(run);
        var second = both.submit(run);
        reports.add(first.get());
        reports.add(second.get());
      }
      for (FleetReport report : reports) {
        assertEquals(3, report.ground().senders(), report.summary());
        assertEquals(0, report.ground().gaps(), report.summary());
        assertEquals(report.telemetryPublished(), report.telemetryReceived() - report.ground().duplicates(),
            report.summary());
        assertTrue(report.locomotivesComplete(), report.summary());
        assertEquals(2, report.plain().senders(), report.summary());
        assertTrue(report.plainComplete(), report.summary());
      }
    }
  }

  @Test
  void aRunsIdsAreKeptWithItsJournalsAndFreshWithout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.util.random.RandomGenerator random = new java.util.Random(5);
    String kept = RunIds.resolve(null, dir, random);
    assertEquals(kept, RunIds.resolve(null, dir, random), "a second run on the same journals is the same fleet");
    assertEquals("loco-" + kept + "-00007", Fleet.locomotiveId(kept, 7));
    assertTrue(kept.matches("[0-9a-f]{8}"), kept);
    String a = RunIds.resolve(null, null, random);
    String b = RunIds.resolve(null, null, random);
    assertFalse(a.equals(b), a + " and " + b + " are two runs");
    assertEquals("bench7", RunIds.resolve("bench7", dir, random), "--run-id wins");
    assertThrows(IllegalArgumentException.class, () -> RunIds.resolve("a/b", null, random));
    CommandLine cli = new CommandLine(new FleetCommand());
    cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    assertEquals(2, cli.execute("--locomotives", "1", "--broker", "tcp://127.0.0.1:1", "--run-id", "+"));
  }

  @Test
  void anotherLocomotiveOnTheSameBrokerIsNotCounted() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      // A locomotive that is not the fleet's (a demo, a real fleet on the integrator's broker) sends
      // energy records every other sequence number while the fleet runs: gaps, but not the fleet's.
      MqttClient other = new MqttClient(broker.url(), "other-locomotive", new MemoryPersistence());
      other.connect();
      Thread sender = Thread.ofPlatform().start(() -> {
        try {
          for (long seq = 1; !Thread.currentThread().isInterrupted(); seq += 2) {
            EnergyRecord r = EnergyRecord.newBuilder()
                .setHeader(Header.newBuilder().setLocomotiveId("KZ-OTHER").setBootId(7).setSequence(seq)).build();
            other.publish("locolink/v1/KZ-OTHER/energy", r.toByteArray(), 1, false);
            Thread.sleep(100);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      FleetReport report;
      try {
        FleetOptions options = new FleetOptions(broker.url(), 2, 0, Duration.ofSeconds(2), "shunting-day", 1, 1,
            Acquisition.DIRECT);
        report = new Fleet(options, InstantSource.system()).run();
      } finally {
        sender.interrupt();
        sender.join();
        other.disconnect();
        other.close();
      }
      assertEquals(2, report.ground().senders(), report.summary());
      assertEquals(0, report.ground().gaps(), report.summary());
      assertTrue(report.locomotivesComplete(), report.summary());
    }
  }

  @Test
  void commandRejectsAMissingLocomotiveCountAndAnUnknownAcquisition() {
    CommandLine cli = new CommandLine(new FleetCommand());
    cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    assertEquals(2, cli.execute("--broker", "tcp://127.0.0.1:1"));
    assertEquals(2, cli.execute("--locomotives", "1", "--broker", "tcp://127.0.0.1:1", "--acquisition", "fpga"));
    assertThrows(IllegalArgumentException.class,
        () -> new FleetOptions("tcp://x:1", 0, 0, Duration.ofSeconds(1), "shunting-day", 1, 1, Acquisition.DIRECT));
    // the plain baseline alone is a fleet of its own (the benchmark's anchor phase)
    assertEquals(0, new FleetOptions("tcp://x:1", 0, 1, Duration.ofSeconds(1), "shunting-day", 1, 1,
        Acquisition.DIRECT).locomotives());
  }

  /** A plain subscriber that keeps every telemetry frame and energy record, to check what the ground really got. */
  private static final class Tap implements AutoCloseable {
    private final MqttClient client;
    private final ConcurrentLinkedQueue<byte[]> frames = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<byte[]> energy = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<byte[]> alarms = new ConcurrentLinkedQueue<>();

    Tap(String url) throws Exception {
      client = new MqttClient(url, "fleet-test-tap", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      client.connect(options);
      client.subscribe("locolink/v1/+/telemetry", 1, (topic, message) -> frames.add(message.getPayload()));
      client.subscribe("locolink/v1/+/energy", 1, (topic, message) -> energy.add(message.getPayload()));
      client.subscribe("locolink/v1/+/alarm", 1, (topic, message) -> alarms.add(message.getPayload()));
    }

    List<byte[]> frames() {
      return List.copyOf(frames);
    }

    List<byte[]> energy() {
      return List.copyOf(energy);
    }

    List<byte[]> alarms() {
      return List.copyOf(alarms);
    }

    @Override
    public void close() throws Exception {
      client.disconnect();
      client.close();
    }
  }
}
