package io.locolink.ground.tools.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.depot.DepotFixture;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.ground.GroundCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code depot pull --all}: two gateways on loopback pulled in parallel, a third with a wrong key reported. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepotPullAllTest {

  @TempDir static Path dir;
  DepotFixture a;
  DepotFixture b;

  @BeforeAll
  void start() throws Exception {
    a = new DepotFixture(dir.resolve("a"), 2, 600, DepotConfig.defaults());
    b = new DepotFixture(dir.resolve("b"), 1, 900, DepotConfig.defaults());
  }

  @AfterAll
  void stop() {
    a.close();
    b.close();
  }

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GroundCommands.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void pullsEveryGatewayInParallelWithOneSummaryAndReportsTheOneWithAWrongKey() throws Exception {
    Path wrongKey = DepotFixture.writeKeyFile(dir.resolve("wrong-key"), "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZw==\n");
    Path list = dir.resolve("gateways.txt");
    Files.writeString(list, """
        # locomotive  depot server  identity  key file
        KZ-A  %s  %s  %s
        KZ-B  %s  %s  %s

        KZ-WRONG  %s  %s  wrong-key
        """.formatted(a.coapsUri(), DepotFixture.IDENTITY, a.keyFile, b.coapsUri(), DepotFixture.IDENTITY, b.keyFile,
        b.coapsUri(), DepotFixture.IDENTITY));
    Path out = dir.resolve("pulled");
    Run r = run("depot", "pull", "--all", list.toString(), "--out", out.toString(), "--timeout-s", "3");
    assertEquals(1, r.exit(), "one gateway failed: " + r.out() + r.err());
    for (FinishedTrip t : a.trips) {
      assertEquals(sha256(a.logFile(t)), sha256(out.resolve("KZ-A").resolve(t.info().id() + ".llt")));
    }
    assertEquals(sha256(b.logFile(b.trips.get(0))),
        sha256(out.resolve("KZ-B").resolve(b.trips.get(0).info().id() + ".llt")));
    assertFalse(Files.exists(out.resolve("KZ-WRONG").resolve(b.trips.get(0).info().id() + ".llt")));
    assertTrue(r.out().contains("3 gateway(s), 2 ok, 1 not reached; 3 trip(s) downloaded, 0 already present, 0 failed"),
        r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("KZ-WRONG") && l.contains("FAILED")), r.out());
    assertFalse(r.out().contains("d3Jvbmcta2V5"), "no key in the output");

    Run again = run("depot", "pull", "--all", list.toString(), "--out", out.toString(), "--timeout-s", "3");
    assertTrue(again.out().contains("0 trip(s) downloaded, 3 already present"), again.out());
  }

  @Test
  void aMalformedListIsRefusedWithItsLineNumber() throws Exception {
    Path list = dir.resolve("bad.txt");
    Files.writeString(list, "# header\nKZ-A coaps://127.0.0.1 only-three\n");
    Run r = run("depot", "pull", "--all", list.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("line 2"), r.err());
    Files.writeString(list, "../evil coaps://127.0.0.1 id key\n");
    assertEquals(2, run("depot", "pull", "--all", list.toString(), "--out", dir.resolve("x").toString()).exit(),
        "a name is never a path");
    Path missing = dir.resolve("no-such-list.txt");
    r = run("depot", "pull", "--all", missing.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, r.exit());
    assertEquals("cannot read " + missing + ": no such file", r.err().strip());
  }

  @Test
  void energyRecordsAsCsvWithTheSettlementColumns() throws Exception {
    Run r = run("depot", "energy", "--gateway", a.coapsUri().toString(), "--identity", DepotFixture.IDENTITY,
        "--key-file", a.keyFile.toString(), "--from", "2026-11-20", "--to", "2026-11-21");
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().split("\r\n");
    assertEquals("locomotive,consumption_point,period_start_utc,period_end_utc,consumed_wh,regenerated_wh,"
        + "depot_charge_wh,genset_wh,diesel_ml,time_status,energy_status,location_status,quality_word,quality_flags,"
        + "latitude_deg,longitude_deg", lines[0]);
    // The fixture's first trip (600 s from 2026-11-20T06:00Z) writes a record at t = 299 s with 1000 + t Wh
    // consumed, 100 Wh regenerated and a third of the consumption from the genset: 1299 Wh, 100 Wh, 433 Wh.
    assertEquals(3, lines.length, "two 5-minute periods on the first day: " + r.out());
    assertTrue(lines[1].startsWith("TEST-001,KZ-TEST-001,2026-11-20T06:00:00Z,2026-11-20T06:05:00Z,1299,100,0,433,0,"),
        lines[1]);
    assertTrue(lines[2].contains(",2026-11-20T06:05:00Z,2026-11-20T06:10:00Z,1599,100,0,533,0,"), lines[2]);
  }

  @Test
  void energyRecordsAsJson() throws Exception {
    Run r = run("depot", "energy", "--gateway", a.coapsUri().toString(), "--identity", DepotFixture.IDENTITY,
        "--key-file", a.keyFile.toString(), "--from", "2026-11-20T00:00:00Z", "--to", "2026-11-22T00:00:00Z",
        "--format", "json");
    assertEquals(0, r.exit(), r.err());
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertEquals(4, json.size(), "two periods on each of two days");
    assertEquals("2026-11-21T06:05:00Z", json.get(2).get("period_end_utc").asText());
    assertEquals(1299, json.get(2).get("consumed_wh").asLong());
    assertTrue(json.get(2).get("consumed_wh").isIntegralNumber(), "energy stays an integer of Wh");
  }
}
