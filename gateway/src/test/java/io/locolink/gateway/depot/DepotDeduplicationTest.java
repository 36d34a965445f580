package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TripStore;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The depot server runs without a deduplicator (see {@link CoapSetup}): serving a request keeps no
 * exchange behind it. Checked deterministically, without measuring memory: a retransmitted
 * request (same message ID, RFC 7252 section 4.5) is answered afresh by the resource, which only
 * happens when the server kept no exchange for the first one. With Californium's default
 * MARK_AND_SWEEP the same duplicate is answered from the stored exchange (the control case shows
 * the test would catch a deduplicator turned back on). The heap this saves is measured by the
 * benchmark harness {@code io.locolink.gateway.bench.TripsDepotBenchmark} (BENCHMARKS.md).
 */
class DepotDeduplicationTest {

  /**
   * A confirmable GET /health, encoded by hand per RFC 7252 section 3: version 1, type CON (0),
   * token length 2 -> 0x42; code 0.01 GET; message ID 0x1234; token 0xBEEF; option Uri-Path
   * (number 11, delta 11, length 6 -> 0xB6) "health".
   */
  static final byte[] CON_GET_HEALTH = {0x42, 0x01, 0x12, 0x34, (byte) 0xBE, (byte) 0xEF, (byte) 0xB6,
      'h', 'e', 'a', 'l', 't', 'h'};

  @TempDir Path dir;

  @Test
  void serverIsConfiguredWithoutADeduplicator() {
    assertEquals(CoapConfig.NO_DEDUPLICATOR, CoapSetup.server(1024).get(CoapConfig.DEDUPLICATOR));
  }

  @Test
  void theServerKeepsNoExchangeSoARetransmittedRequestIsAnsweredAfresh() throws Exception {
    DepotConfig config = config("a");
    try (DepotServer server = DepotServer.create(config, trips("a"), energy("a"), hourPerReading())) {
      byte[][] answers = sendTwice(server, CON_GET_HEALTH);
      assertFalse(Arrays.equals(payload(answers[0]), payload(answers[1])),
          "the duplicate was answered from a stored exchange: is a deduplicator on? "
              + new String(payload(answers[1]), StandardCharsets.UTF_8));
    }
  }

  @Test
  void controlWithMarkAndSweepTheDuplicateIsAnsweredFromTheStoredExchange() throws Exception {
    Configuration markAndSweep = CoapSetup.server(1024);
    markAndSweep.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_MARK_AND_SWEEP);
    try (DepotServer server = DepotServer.create(config("b"), trips("b"), energy("b"), hourPerReading(),
        markAndSweep)) {
      byte[][] answers = sendTwice(server, CON_GET_HEALTH);
      assertArrayEquals(answers[0], answers[1], "control: MARK_AND_SWEEP answered the duplicate afresh; the test"
          + " would not see a deduplicator");
    }
  }

  /** Every reading is one hour later than the one before, so each fresh /health reports a new uptime. */
  private static InstantSource hourPerReading() {
    AtomicLong hours = new AtomicLong();
    return () -> Instant.parse("2026-11-20T06:00:00Z").plus(Duration.ofHours(hours.getAndIncrement()));
  }

  private DepotConfig config(String name) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve(name));
    Path keys = DepotFixture.writeKeyFile(dir.resolve(name).resolve("psk"), "d:" + DepotFixture.SECRET + "\n");
    return DepotConfig.defaults().with(keys, "127.0.0.1", 0, 0);
  }

  private TripStore trips(String name) throws Exception {
    return TripStore.open(TripsConfig.defaults().withDirectory(dir.resolve(name)).tripsDirectory(null), 1L << 30);
  }

  private EnergyStore energy(String name) throws Exception {
    return EnergyStore.open(TripsConfig.defaults().withDirectory(dir.resolve(name)).energyDirectory(null), 60);
  }

  /** Sends the same datagram twice to the plain endpoint and returns both answers. */
  private static byte[][] sendTwice(DepotServer server, byte[] request) throws Exception {
    server.start();
    InetSocketAddress target = server.plainAddress().orElseThrow();
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(10_000);
      byte[][] answers = new byte[2][];
      for (int i = 0; i < 2; i++) {
        socket.send(new DatagramPacket(request, request.length, target));
        DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
        socket.receive(in);
        answers[i] = Arrays.copyOf(in.getData(), in.getLength());
        // piggybacked ACK (type 2) with the request's message ID and token
        assertEquals(0x62, answers[i][0] & 0xFF, "ACK with a 2-byte token");
        assertEquals(0x45, answers[i][1] & 0xFF, "2.05 Content");
        assertArrayEquals(Arrays.copyOfRange(request, 2, 6), Arrays.copyOfRange(answers[i], 2, 6));
      }
      return answers;
    }
  }

  /** The payload of a CoAP message: what follows the 0xFF marker after the options (RFC 7252 section 3.1). */
  private static byte[] payload(byte[] message) {
    int i = 4 + (message[0] & 0x0F);
    while (i < message.length && (message[i] & 0xFF) != 0xFF) {
      int delta = (message[i] >> 4) & 0x0F;
      int length = message[i] & 0x0F;
      i += 1 + extended(delta);
      int lengthBytes = extended(length);
      if (length == 13) {
        length = (message[i] & 0xFF) + 13;
      } else if (length == 14) {
        length = ((message[i] & 0xFF) << 8 | message[i + 1] & 0xFF) + 269;
      }
      i += lengthBytes + length;
    }
    return i < message.length ? Arrays.copyOfRange(message, i + 1, message.length) : new byte[0];
  }

  private static int extended(int nibble) {
    return nibble == 13 ? 1 : nibble == 14 ? 2 : 0;
  }
}
