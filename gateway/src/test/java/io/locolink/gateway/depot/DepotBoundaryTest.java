package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TripStore;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Californium may appear, how the depot is configured, and what a hostile datagram gets. */
class DepotBoundaryTest {

  @TempDir Path dir;

  @Test
  void onlyTheDepotPackageImportsCaliforniumOrScandium() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        boolean inDepot = f.toString().replace('\\', '/').contains("io/locolink/gateway/depot/");
        if (!inDepot && Files.readString(f).contains("import org.eclipse.californium")) {
          offenders.add(f.toString());
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void plainCoapExistsOnlyWhenConfigured() throws Exception {
    TripsConfig tc = TripsConfig.defaults().withDirectory(dir);
    Path keys = DepotFixture.writeKeyFile(dir.resolve("psk"), "d:" + DepotFixture.SECRET + "\n");
    try (DepotServer server = DepotServer.create(DepotConfig.defaults().with(keys, "127.0.0.1", 0, null),
        TripStore.open(tc.tripsDirectory(null), 1 << 20), EnergyStore.open(tc.energyDirectory(null), 60), Clock.systemUTC())) {
      server.start();
      assertTrue(server.plainAddress().isEmpty());
    }
  }

  @Test
  void configErrorsNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("depot:\n  bindAddress: not an address at all\n", Wrapper.class));
    assertEquals("depot.bindAddress", e.key(), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("depot:\n  port: 70000\n", Wrapper.class));
    assertEquals("depot.port", e.key(), e.getMessage());
    DepotConfig parsed = ConfigLoader.parse("depot:\n  pskFile: /etc/x\n  plainPort: 5683\n", Wrapper.class).depot();
    assertEquals(5683, parsed.plainPort());
    assertEquals(1024, parsed.maxRequestBytes());
    assertEquals(5684, DepotConfig.defaults().port());
    assertEquals(null, DepotConfig.defaults().plainPort());
  }

  record Wrapper(DepotConfig depot) {}

  @Test
  void aDatagramWithAnAbsurdlyLongUriPathGetsNoContent() throws Exception {
    try (DepotFixture gateway = new DepotFixture(dir, 1, 60, DepotConfig.defaults());
        DatagramSocket socket = new DatagramSocket()) {
      int port = gateway.server.plainAddress().orElseThrow().getPort();
      // RFC 7252 section 3: CON GET, MID 0x1234, no token; option Uri-Path (11) whose length 2000
      // uses the 2-byte extended length (14: value - 269). Uri-Path is at most 255 bytes (5.10).
      byte[] path = "../".repeat(667).substring(0, 2000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] msg = new byte[4 + 3 + path.length];
      msg[0] = 0x40;
      msg[1] = 0x01;
      msg[2] = 0x12;
      msg[3] = 0x34;
      msg[4] = (byte) 0xBE;
      msg[5] = (byte) ((2000 - 269) >> 8);
      msg[6] = (byte) ((2000 - 269) & 0xff);
      System.arraycopy(path, 0, msg, 7, path.length);
      socket.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), port));
      socket.setSoTimeout(2000);
      byte[] buf = new byte[2048];
      DatagramPacket answer = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(answer);
        int code = buf[1] & 0xff;
        assertTrue(code >= 0x80 || code == 0, "an error class (4.xx) or an empty RST/ACK, got code " + (code >> 5) + "."
            + String.format("%02d", code & 0x1f));
      } catch (SocketTimeoutException e) {
        // Dropping a malformed datagram is also a correct answer.
      }
    }
  }
}
