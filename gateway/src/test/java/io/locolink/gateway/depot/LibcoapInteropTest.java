package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.gateway.trips.TripStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another CoAP implementation against our depot server: libcoap's coap-client (Debian package
 * libcoap3-bin) downloads a trip block-wise (RFC 7959) over DTLS-PSK, lists trips with the
 * GnuTLS build, and observes the battery state (RFC 7641).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibcoapInteropTest {

  static final Path OPENSSL_CLIENT = Path.of("/usr/bin/coap-client-openssl");
  static final Path GNUTLS_CLIENT = Path.of("/usr/bin/coap-client-gnutls");

  @TempDir static Path dir;
  DepotFixture gateway;

  @BeforeAll
  void start() throws Exception {
    gateway = new DepotFixture(dir, 1, 1500,
        new DepotConfig(null, null, null, "unused", null, null, null, 200, null, null));
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  private static void requireBinary(Path binary) {
    if (!Files.isExecutable(binary)) {
      fail("interop test needs libcoap's " + binary + " (Debian package libcoap3-bin: apt-get install -y libcoap3-bin)");
    }
  }

  private Process coapClient(Path binary, Path out, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-u", DepotFixture.IDENTITY, "-k", DepotFixture.SECRET,
        "-v", "3", "-o", out.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(out.getFileName() + ".log").toFile())
        .start();
  }

  private static void await(Process p) throws Exception {
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("coap-client did not finish in 60 s");
    }
  }

  @Test
  void coapClientDownloadsATripBlockwiseOverDtlsPskWithTheSameSha256() throws Exception {
    requireBinary(OPENSSL_CLIENT);
    FinishedTrip trip = gateway.trips.get(0);
    long size = Files.size(gateway.logFile(trip));
    assertTrue(size > 20 * 1024, "many blocks: " + size);
    Path out = dir.resolve("libcoap.llt");
    Process p = coapClient(OPENSSL_CLIENT, out, "-b", "1024", "-B", "50",
        gateway.coapsUri() + "/trips/" + trip.info().id() + "/log");
    await(p);
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve(out.getFileName() + ".log")));
    assertEquals(size, Files.size(out));
    assertEquals(trip.info().sha256Hex(), TripStore.sha256(out));
  }

  @Test
  void coapClientAskingForSmallerBlocksGetsThemAndTheSameBytes() throws Exception {
    requireBinary(OPENSSL_CLIENT);
    FinishedTrip trip = gateway.trips.get(0);
    Path out = dir.resolve("libcoap-256.llt");
    Process p = coapClient(OPENSSL_CLIENT, out, "-b", "256", "-B", "50",
        gateway.coapsUri() + "/trips/" + trip.info().id() + "/log");
    await(p);
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve(out.getFileName() + ".log")));
    assertEquals(trip.info().sha256Hex(), TripStore.sha256(out));
  }

  @Test
  void gnutlsBuildListsTheTripsOverDtlsPsk() throws Exception {
    requireBinary(GNUTLS_CLIENT);
    Path out = dir.resolve("list.json");
    Process p = coapClient(GNUTLS_CLIENT, out, "-B", "20", gateway.coapsUri() + "/trips");
    await(p);
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve(out.getFileName() + ".log")));
    var list = DepotFixture.JSON.readTree(Files.readAllBytes(out));
    assertEquals(gateway.trips.get(0).info().sha256Hex(), list.get(0).get("sha256").asText());
  }

  @Test
  void coapClientObservesTheBatteryStateOverDtls() throws Exception {
    requireBinary(OPENSSL_CLIENT);
    Path out = dir.resolve("battery.json");
    gateway.server.publishBattery(battery(70.0));
    Thread.sleep(300);
    Process p = coapClient(OPENSSL_CLIENT, out, "-s", "3", "-B", "5", gateway.coapsUri() + "/battery");
    for (int i = 1; i <= 80 && p.isAlive(); i++) {
      Thread.sleep(250);
      gateway.server.publishBattery(battery(70.0 - i * 0.01));
    }
    await(p);
    String received = Files.readString(out);
    long notifications = received.split("socPercent", -1).length - 1L;
    assertTrue(notifications >= 3, "first answer plus notifications, got: " + received);
  }

  /** The commands of gateway/DEPOT.md: discovery, then the acknowledgement of a verified download. */
  @Test
  void coapClientDiscoversEveryResourceAndAcknowledgesACollectedTrip() throws Exception {
    requireBinary(OPENSSL_CLIENT);
    FinishedTrip trip = gateway.trips.get(0);
    Path links = dir.resolve("core.txt");
    Process discover = coapClient(OPENSSL_CLIENT, links, "-B", "20", gateway.coapsUri() + "/.well-known/core");
    await(discover);
    assertEquals(0, discover.exitValue(), Files.readString(dir.resolve(links.getFileName() + ".log")));
    assertTrue(Files.readString(links).contains("</trips/" + trip.info().id() + "/log>"), Files.readString(links));
    Path ack = dir.resolve("ack.txt");
    Process post = coapClient(OPENSSL_CLIENT, ack, "-m", "post", "-t", "text/plain", "-e", trip.info().sha256Hex(),
        "-B", "20", gateway.coapsUri() + "/trips/" + trip.info().id() + "/collected");
    await(post);
    assertEquals(0, post.exitValue(), Files.readString(dir.resolve(ack.getFileName() + ".log")));
    assertTrue(gateway.recorder.store().collectedAt(trip.info().id()).isPresent(), "acknowledged over DTLS");
  }

  private static LiveBattery battery(double soc) {
    return new LiveBattery(Instant.parse("2026-11-20T08:00:00Z"), soc, 700, 150, 105, 3.2, 3.25, 20, 24, 0, "NONE");
  }
}
