package io.locolink.gateway.uplink;

import static io.locolink.gateway.uplink.UplinkFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.config.UplinkConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.proto.v1.Status;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No poison messages, against a real Mosquitto 2: a message the broker will not take is set aside
 * (kept on disk whole, counted with its reason in the retained status) after three refusals in a
 * row, and every message around it arrives.
 */
class PoisonMessageBrokerTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  /** The broker's limit, bytes: the demo's embedded broker refuses about this much. */
  static final int LIMIT_BYTES = 8192;
  /** 4,000 sample offsets up to 400 s, each a 2-3 byte varint: well over 8 KiB. */
  static final int OVERSIZED_SAMPLES = 4000;

  @TempDir Path dir;

  /** MQTT 3.1.1 has no refusal: Mosquitto drops the connection of a client that sends a packet over the limit. */
  @Test
  void mqtt311AMessageOverTheBrokersPacketLimitIsSetAsideAfterThreeDroppedConnections() throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(List.of("max_packet_size " + LIMIT_BYTES));
    String reason = run(broker, UplinkConfig.MQTT, StreamKind.TELEMETRY, OVERSIZED_SAMPLES);
    assertTrue(reason.contains("connection dropped"), reason);
  }

  /**
   * MQTT 5 and {@code message_size_limit}: Mosquitto 2.0 takes the packet and answers its PUBACK
   * with reason code 0x95 (packet too large), which MQTT 5 does not allow in a PUBACK; Paho 1.2.5
   * treats that PUBACK as malformed and closes the connection. So here too the message is found by
   * the connection dropping while it is the one in flight, three times in a row.
   */
  @Test
  void mqtt5AMessageOverTheBrokersMessageSizeLimitIsSetAside() throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(List.of("message_size_limit " + LIMIT_BYTES));
    String reason = run(broker, UplinkConfig.MQTT5, StreamKind.TELEMETRY, OVERSIZED_SAMPLES);
    assertTrue(reason.contains("connection dropped"), reason);
  }

  /** MQTT 5: an ACL without write access to the energy topic; the PUBACK says 0x87, not authorised. */
  @Test
  void mqtt5AMessageOnATopicTheAclDeniesIsSetAsideAsNotAuthorised() throws Exception {
    // readable by the broker, which drops root privileges to its own user when started as root
    Path acl = Files.createTempFile("locolink-acl", ".conf",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    Files.writeString(acl, """
        topic write locolink/v1/T1/telemetry
        topic write locolink/v1/T1/alarm
        topic write locolink/v1/T1/status
        topic read locolink/v1/#
        topic readwrite ground/#
        """);
    MosquittoBroker broker = MosquittoBroker.start(List.of("acl_file " + acl));
    try {
      String reason = run(broker, UplinkConfig.MQTT5, StreamKind.ENERGY, 0);
      assertTrue(reason.contains("0x87 (not authorised)"), reason);
    } finally {
      Files.deleteIfExists(acl);
    }
  }

  /**
   * Sends 5 telemetry frames, an alarm, the poison message, 5 frames and an alarm; returns the
   * reason the poison was set aside with, after checking it was set aside whole, counted in the
   * status, and that everything else arrived, before and after.
   */
  private String run(MosquittoBroker broker, String transport, StreamKind poisonKind, int poisonPadding)
      throws Exception {
    Path setAside = dir.resolve("set-aside");
    try (UplinkFixture f = new UplinkFixture(dir.resolve("journal"), broker).openJournal(JournalConfig.defaults())) {
      MqttConfig mqtt = new MqttConfig(broker.url(), null, null, null, null, null, 1, 64, 1_000_000L,
          new MqttConfig.Reconnect(50, 400), 5, 2, 1, false);
      f.uplink = Uplinks.mqtt(mqtt, new UplinkConfig(transport, null, 3), setAside, UplinkFixture.LOCO,
          f.journal, ProtoStatusEncoder.of(UplinkFixture.LOCO, f.bootId), InstantSource.system(),
          new SplittableRandom(7), null);
      f.uplink.start();
      await("online", WAIT, () -> f.uplink.link().state() == LinkState.ONLINE);
      for (int i = 0; i < 5; i++) {
        f.append(StreamKind.TELEMETRY, 20);
      }
      f.append(StreamKind.ALARM, 0);
      long poison = f.append(poisonKind, poisonPadding);
      for (int i = 0; i < 5; i++) {
        f.append(StreamKind.TELEMETRY, 20);
      }
      f.append(StreamKind.ALARM, 0);

      await("one message set aside", WAIT, () -> f.uplink.setAsideCount() == 1);
      f.awaitDrained(WAIT);
      Set<UplinkFixture.Sent> expected = new HashSet<>(f.appended);
      expected.remove(new UplinkFixture.Sent(poisonKind, f.bootId, poison));
      assertEquals(expected, f.receivedIdentities(), "everything but the refused message arrived, once");

      String name = poisonKind.name().toLowerCase() + "-" + poison;
      byte[] kept = Files.readAllBytes(setAside.resolve(name + ".msg"));
      assertEquals(poison, Ground.header("locolink/v1/T1/" + poisonKind.name().toLowerCase(), kept).getSequence(),
          "kept as the journal held it");
      if (poisonPadding > 0) {
        assertTrue(kept.length > LIMIT_BYTES, "kept whole: " + kept.length + " bytes");
      }
      String reasonFile = Files.readString(setAside.resolve(name + ".reason"));
      assertTrue(reasonFile.contains("3 times in a row"), reasonFile);

      await("retained status with the count", WAIT, () -> lastStatus(f).map(s -> s.getSetAsideMessages() == 1)
          .orElse(false));
      Status st = lastStatus(f).orElseThrow();
      assertTrue(st.getLastSetAsideReason().contains("3 times in a row"), st.getLastSetAsideReason());

      long after = f.append(StreamKind.TELEMETRY, 20);
      f.awaitDrained(WAIT);
      assertTrue(f.receivedIdentities().contains(new UplinkFixture.Sent(StreamKind.TELEMETRY, f.bootId, after)),
          "the stream goes on after the set-aside message");
      assertEquals(1, f.uplink.setAsideCount());
      return st.getLastSetAsideReason();
    }
  }

  static Optional<Status> lastStatus(UplinkFixture f) {
    List<Ground.Received> statuses = f.ground.received().stream().filter(r -> r.kind().equals("status")).toList();
    if (statuses.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Status.parseFrom(statuses.getLast().payload()));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
