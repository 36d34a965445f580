package io.locolink.ground.tools.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.ground.collect.DepotClient;
import io.locolink.gateway.depot.DepotFixture;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.gateway.trips.TripStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepotPullTest {

  @TempDir static Path dir;
  DepotFixture gateway;

  @BeforeAll
  void start() throws Exception {
    gateway = new DepotFixture(dir.resolve("gw"), 2, 1200, DepotConfig.defaults());
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  private DepotClient client() {
    return DepotClient.connect(gateway.coapsUri(), DepotFixture.IDENTITY,
        DepotFixture.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
  }

  private static List<String> names(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void pullsAllTripsVerifiedThenSkipsThemTheSecondTime() throws Exception {
    Path out = dir.resolve("out1");
    try (DepotClient client = client()) {
      List<DepotPull.Outcome> first = new DepotPull(client, out, 4, Long.MAX_VALUE).run(new PrintWriter(new StringWriter()));
      assertEquals(List.of(DepotPull.Kind.DOWNLOADED, DepotPull.Kind.DOWNLOADED), first.stream().map(DepotPull.Outcome::kind).toList());
      for (FinishedTrip trip : gateway.trips) {
        Path got = out.resolve(trip.info().id() + ".llt");
        assertEquals(TripStore.sha256(gateway.logFile(trip)), TripStore.sha256(got));
      }
      assertEquals(2, names(out).size(), "no partial files left: " + names(out));
      List<DepotPull.Outcome> second = new DepotPull(client, out, 4, Long.MAX_VALUE).run(new PrintWriter(new StringWriter()));
      assertEquals(List.of(DepotPull.Kind.ALREADY_PRESENT, DepotPull.Kind.ALREADY_PRESENT),
          second.stream().map(DepotPull.Outcome::kind).toList());
    }
  }

  @Test
  void anInterruptedDownloadLeavesOnlyAPartFileAndResumesFromIt() throws Exception {
    Path out = dir.resolve("out2");
    FinishedTrip trip = gateway.trips.get(0);
    String id = trip.info().id().value();
    try (DepotClient client = client()) {
      List<DepotPull.Outcome> cut = new DepotPull(client, out, 4, 8 * 1024).run(new PrintWriter(new StringWriter()));
      assertEquals(DepotPull.Kind.FAILED, cut.get(0).kind());
      assertFalse(Files.exists(out.resolve(id + ".llt")), "never a partial file under the final name");
      Path part = out.resolve(id + "." + trip.info().sha256Hex().substring(0, 16) + ".part");
      assertTrue(Files.size(part) >= 8 * 1024 && Files.size(part) % 1024 == 0, "whole blocks kept: " + Files.size(part));

      StringWriter log = new StringWriter();
      List<DepotPull.Outcome> resumed = new DepotPull(client, out, 4, Long.MAX_VALUE).run(new PrintWriter(log));
      assertEquals(DepotPull.Kind.DOWNLOADED, resumed.get(0).kind());
      assertTrue(resumed.get(0).resumedFromBytes() >= 8 * 1024);
      assertTrue(log.toString().contains("resumed at byte"), log.toString());
      assertEquals(TripStore.sha256(gateway.logFile(trip)), TripStore.sha256(out.resolve(id + ".llt")));
      assertFalse(Files.exists(part));
    }
  }

  @Test
  void aCorruptPartFileFailsTheChecksumAndIsRemoved() throws Exception {
    Path out = dir.resolve("out3");
    Files.createDirectories(out);
    FinishedTrip trip = gateway.trips.get(1);
    String id = trip.info().id().value();
    Path part = out.resolve(id + "." + trip.info().sha256Hex().substring(0, 16) + ".part");
    Files.write(part, new byte[4096]);
    Path stale = out.resolve("20200101T000000Z-0000.0123456789abcdef.part");
    Files.write(stale, new byte[1024]);
    try (DepotClient client = client()) {
      List<DepotPull.Outcome> result = new DepotPull(client, out, 4, Long.MAX_VALUE).run(new PrintWriter(new StringWriter()));
      DepotPull.Outcome o = result.stream().filter(x -> x.tripId().equals(id)).findFirst().orElseThrow();
      assertEquals(DepotPull.Kind.FAILED, o.kind());
      assertTrue(o.detail().contains("SHA-256"), o.detail());
      assertFalse(Files.exists(stale), "partial download of a trip the gateway no longer lists");
      assertFalse(Files.exists(part));
      assertFalse(Files.exists(out.resolve(id + ".llt")));
      List<DepotPull.Outcome> again = new DepotPull(client, out, 4, Long.MAX_VALUE).run(new PrintWriter(new StringWriter()));
      assertTrue(again.stream().allMatch(x -> x.kind() != DepotPull.Kind.FAILED));
    }
  }

  @Test
  void commandLineReportsWhatItDidAndRefusesALooseKeyFile() throws Exception {
    Path out = dir.resolve("out4");
    Path key = DepotFixture.writeKeyFile(dir.resolve("client-key"), DepotFixture.SECRET + "\n");
    StringWriter stdout = new StringWriter();
    CommandLine cli = new CommandLine(new DepotCommand());
    cli.setOut(new PrintWriter(stdout));
    int code = cli.execute("pull", "--gateway", gateway.coapsUri().toString(), "--identity", DepotFixture.IDENTITY,
        "--key-file", key.toString(), "--out", out.toString());
    assertEquals(0, code, stdout.toString());
    assertTrue(stdout.toString().contains("2 downloaded, 0 already present, 0 failed"), stdout.toString());

    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    StringWriter stderr = new StringWriter();
    cli.setErr(new PrintWriter(stderr));
    assertEquals(2, cli.execute("pull", "--gateway", gateway.coapsUri().toString(), "--identity", "x",
        "--key-file", key.toString(), "--out", out.toString()));
    assertTrue(stderr.toString().contains("group or others"), stderr.toString());
  }
}
