package io.locolink.gateway.uplink;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** A broker, a gate in front of it, a ground subscriber, a journal and an uplink, for one test. */
final class UplinkFixture implements AutoCloseable {

  static final String LOCO = "T1";

  record Sent(StreamKind kind, long bootId, long sequence) {}

  final MosquittoBroker broker;
  final TcpGate gate;
  final Ground ground;
  final Path journalDir;
  final long bootId = new SplittableRandom().nextLong();
  final List<Sent> appended = new CopyOnWriteArrayList<>();
  final List<LinkEvent> events = new CopyOnWriteArrayList<>();
  Journal journal;
  Uplink uplink;

  UplinkFixture(Path journalDir) throws Exception {
    this(journalDir, MosquittoBroker.startPlain());
  }

  /** A fixture on a broker the test started with its own options; closed with the fixture. */
  UplinkFixture(Path journalDir, MosquittoBroker broker) throws Exception {
    this.broker = broker;
    this.gate = new TcpGate(broker.port());
    this.ground = new Ground(broker.url());
    this.journalDir = journalDir;
  }

  static MqttConfig mqtt(String url, long capBytesPerS) {
    return new MqttConfig(url, null, null, null, null, null, 1, 64, capBytesPerS, new MqttConfig.Reconnect(50, 400),
        5, 2, 60, false);
  }

  UplinkFixture openJournal(JournalConfig cfg) throws Exception {
    journal = Journal.open(journalDir, cfg, InstantSource.system());
    return this;
  }

  UplinkFixture startUplink(MqttConfig cfg) {
    uplink = Uplinks.mqtt(cfg, LOCO, journal, ProtoStatusEncoder.of(LOCO, bootId), InstantSource.system(),
        new SplittableRandom(7));
    uplink.addLinkListener(events::add);
    uplink.start();
    return this;
  }

  /** Appends one synthetic record the way the framing code would: sequence first, then bytes. */
  long append(StreamKind kind, int padding) throws Exception {
    long seq = journal.nextSequence();
    journal.append(kind, seq, Synthetic.message(kind, LOCO, bootId, seq, System.currentTimeMillis(), padding));
    appended.add(new Sent(kind, bootId, seq));
    return seq;
  }

  /** Simulates a broker outage ordered so that nothing the broker acknowledged is lost to the ground. */
  void outage(Duration length) throws Exception {
    gate.cut();
    ground.barrier();
    broker.stop();
    Thread.sleep(length.toMillis());
    broker.start();
    ground.connect();
    gate.open();
  }

  Set<Sent> receivedIdentities() {
    return ground.received().stream().filter(r -> !r.kind().equals("status"))
        .map(r -> new Sent(StreamKind.valueOf(r.kind().toUpperCase()), r.header().getBootId(), r.header().getSequence()))
        .collect(Collectors.toSet());
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  void awaitDrained(Duration timeout) throws Exception {
    await("journal drained (depth now " + journal.stats().queueDepthRecords() + ")", timeout,
        () -> journal.stats().queueDepthRecords() == 0);
    ground.barrier();
  }

  @Override
  public void close() throws Exception {
    if (uplink != null) {
      uplink.close();
    }
    if (journal != null) {
      journal.close();
    }
    ground.close();
    gate.close();
    broker.close();
  }
}
