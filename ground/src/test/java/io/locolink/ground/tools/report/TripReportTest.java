package io.locolink.ground.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.gateway.trips.TripRecorder;
import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Motion;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.SyntheticTrip;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TripReportTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir static Path dir;
  Path log;
  FinishedTrip trip;

  @BeforeAll
  void recordATrip() {
    try (TripRecorder recorder = TripRecorder.open(TripsConfig.defaults().withDirectory(dir.resolve("store")),
        start -> new HeaderFields("KZ-TEM-0042", 0, 0, start, ClockQuality.UNSYNCED))) {
      trip = SyntheticTrip.drive(recorder, Instant.parse("2026-11-20T06:00:00Z"), 0, 1800);
    }
    log = dir.resolve("store").resolve("trips").resolve(trip.info().id() + ".llt");
  }

  @Test
  void decodesDeltaCodedSeriesAsTelemetryProtoDescribes() {
    // telemetry.proto: the first value of a fast series is absolute, every next one the difference.
    TelemetryFrame f = TelemetryFrame.newBuilder()
        .setHeader(Header.newBuilder().setTimeUnixMs(1_000_000))
        .addSampleOffsetMs(0).addSampleOffsetMs(100).addSampleOffsetMs(200)
        .setBattery(BatteryPack.newBuilder()
            .addVoltageCvDelta(70_000).addVoltageCvDelta(5).addVoltageCvDelta(-10)      // 10 mV units
            .addCurrentDaDelta(1_000).addCurrentDaDelta(0).addCurrentDaDelta(-2_000)   // 0.1 A units
            .addCellMvDelta(3_300).addCellMvDelta(12).addCellMvDelta(-20)             // along the cell index
            .addCellTempDcDelta(215).addCellTempDcDelta(-30))                          // 0.1 degC
        .setMotion(Motion.newBuilder().addSpeedCmhDelta(1_250).addSpeedCmhDelta(50).addSpeedCmhDelta(-1_300)
            .setOdometerM(12_345))
        .build();
    List<TripData.Sample> out = new ArrayList<>();
    TripData.decode(f, out);
    assertEquals(3, out.size());
    assertEquals(700.00, out.get(0).packV(), 1e-9);
    assertEquals(700.05, out.get(1).packV(), 1e-9);
    assertEquals(699.95, out.get(2).packV(), 1e-9);
    assertEquals(-100.0, out.get(2).packA(), 1e-9);
    assertEquals(-100.0 * 699.95 / 1000, out.get(2).powerKw(), 1e-9);
    assertEquals(12.5, out.get(0).speedKmh(), 1e-9);
    assertEquals(0.0, out.get(2).speedKmh(), 1e-9);
    assertEquals(3_292, out.get(0).cellMinMv(), 1e-9);
    assertEquals(3_312, out.get(0).cellMaxMv(), 1e-9);
    assertEquals(20, out.get(0).cellSpreadMv(), 1e-9);
    assertEquals(18.5, out.get(0).cellTempMinC(), 1e-9);
    assertEquals(21.5, out.get(0).cellTempMaxC(), 1e-9);
    assertEquals(1_000_200, out.get(2).unixMs());
  }

  @Test
  void decodesFramesMadeByTheGatewaysOwnFraming() {
    Instant t0 = Instant.parse("2026-11-20T06:00:00Z");
    List<io.locolink.gateway.acquisition.Snapshot> snaps = new ArrayList<>();
    double[] speeds = {12.34, 12.5, 13.01};
    double[] amps = {250.3, -80.7, 0.0};
    for (int i = 0; i < 3; i++) {
      SyntheticTrip.State s = new SyntheticTrip.State(true, speeds[i], 691.23, amps[i], 10, 25.4, 71.2, 80);
      snaps.add(SyntheticTrip.snapshot(i * 100_000_000L, t0.plusMillis(i * 100L), s, 5_000, 0));
    }
    TelemetryFrame f = io.locolink.gateway.framing.TelemetryFrameEncoder.encode(
        new io.locolink.gateway.framing.HeaderFields("KZ-1", 1, 1, t0, io.locolink.gateway.acquisition.ClockQuality.SYNCED),
        snaps, SyntheticTrip.estimates(new SyntheticTrip.State(true, 0, 691.23, 0, 0, 25.4, 71.2, 80)));
    List<TripData.Sample> out = new ArrayList<>();
    TripData.decode(f, out);
    assertEquals(3, out.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(speeds[i], out.get(i).speedKmh(), 0.005, "0.01 km/h resolution");
      assertEquals(amps[i], out.get(i).packA(), 0.05, "0.1 A resolution");
      assertEquals(691.23, out.get(i).packV(), 0.005, "10 mV resolution");
      assertEquals(t0.toEpochMilli() + i * 100L, out.get(i).unixMs());
    }
    assertEquals(72.2, out.get(0).motorTempC(), 0.05, "hottest of the two windings (71.2 and 72.2)");
    // Cells 691.23 V / 16 = 43,201.875 mV with the pattern -4..+4 mV, read in whole mV.
    assertEquals(43_198, out.get(0).cellMinMv(), 1e-9);
    assertEquals(43_206, out.get(0).cellMaxMv(), 1e-9);
    assertEquals(80.0, out.get(0).socPercent(), 0.05);
  }

  @Test
  void foreignOrMissingFilesGetAClearErrorAndNoOutput() throws Exception {
    Path foreign = dir.resolve("foreign.llt");
    Files.write(foreign, "this is not a trip log at all".getBytes(StandardCharsets.US_ASCII));
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ReportCommand());
    cli.setErr(new PrintWriter(err));
    assertEquals(1, cli.execute(foreign.toString(), "--out", dir.resolve("foreign.html").toString()));
    assertTrue(err.toString().contains("not a trip log"), err.toString());
    assertFalse(Files.exists(dir.resolve("foreign.html")));
    CommandLine export = new CommandLine(new ExportCommand());
    export.setErr(new PrintWriter(err));
    assertEquals(1, export.execute(dir.resolve("missing.llt").toString(), "--csv", dir.resolve("m.csv").toString()));
    assertFalse(Files.exists(dir.resolve("m.csv")));
  }

  @Test
  void anOutputInAMissingDirectoryAndAMissingLogAreNamedAsSuch() {
    Path nowhere = dir.resolve("no-such-dir");
    Path out = nowhere.resolve("trip.out");
    assertEquals(out + ": no such directory " + nowhere, refusal("cannot write report: ",
        new ReportCommand(), log.toString(), "--out", out.toString()));
    assertEquals(out + ": no such directory " + nowhere, refusal("cannot export: ",
        new ExportCommand(), log.toString(), "--csv", out.toString()));
    assertFalse(Files.exists(nowhere));
    Path missing = dir.resolve("missing.llt");
    assertEquals(missing + ": no such trip log", refusal("", new ReportCommand(), missing.toString(),
        "--out", dir.resolve("missing.html").toString()), "the log is missing, nothing failed to write");
    assertEquals(missing + ": no such trip log", refusal("", new ExportCommand(), missing.toString(),
        "--csv", dir.resolve("missing.csv").toString()));
  }

  @Test
  void aLogEndingInADamagedBlockIsWrittenAndSaidSoByBothCommands() throws Exception {
    byte[] whole = Files.readAllBytes(log);
    Path torn = dir.resolve("torn.llt");
    Files.write(torn, java.util.Arrays.copyOf(whole, whole.length - 100));  // the last block cut short
    StringWriter said = new StringWriter();
    CommandLine report = new CommandLine(new ReportCommand());
    report.setOut(new PrintWriter(said));
    assertEquals(0, report.execute(torn.toString(), "--out", dir.resolve("torn.html").toString()));
    CommandLine export = new CommandLine(new ExportCommand());
    export.setOut(new PrintWriter(said));
    assertEquals(0, export.execute(torn.toString(), "--csv", dir.resolve("torn.csv").toString()));
    List<String> lines = said.toString().lines().toList();
    assertEquals(2, lines.size(), said.toString());
    assertTrue(lines.get(0).startsWith("wrote " + dir.resolve("torn.html") + ": ")
        && lines.get(0).endsWith(" (log ends in a damaged block)"), lines.get(0));
    assertTrue(lines.get(1).startsWith("wrote " + dir.resolve("torn.csv") + ": ")
        && lines.get(1).endsWith(" rows (log ends in a damaged block)"), lines.get(1));
  }

  /** What {@code command} says on stderr after {@code prefix}, having exited with 1. */
  private static String refusal(String prefix, Object command, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setErr(new PrintWriter(err));
    assertEquals(1, cli.execute(args), err.toString());
    String said = err.toString().strip();
    assertTrue(said.startsWith(prefix), said);
    return said.substring(prefix.length());
  }

  @Test
  void csvHasOneRowPerSampleWithUnitsInTheHeader() throws Exception {
    Path csv = dir.resolve("trip.csv");
    StringWriter stdout = new StringWriter();
    CommandLine cli = new CommandLine(new ExportCommand());
    cli.setOut(new PrintWriter(stdout));
    assertEquals(0, cli.execute(log.toString(), "--csv", csv.toString()));
    List<String> lines = Files.readAllLines(csv);
    assertEquals(TripCsv.HEADER, lines.get(0));
    // seconds 1..1800 of the trip: the frame of the cycle that started it belongs to no trip
    assertEquals(1800 * 10, lines.size() - 1, "1800 one-second frames of 10 samples");
    String[] first = lines.get(1).split(",", -1);
    assertEquals("2026-11-20T06:00:01Z", first[0]);
    assertEquals(15, first.length, "14 values and the flags");
    assertEquals("0.0", first[1]);
    assertEquals("", first[14], "no flag on a sample whose time advances");
  }

  @Test
  void reportIsSelfContainedAndRendersInHeadlessChromium() throws Exception {
    Path html = dir.resolve("trip.html");
    StringWriter stdout = new StringWriter();
    CommandLine cli = new CommandLine(new ReportCommand());
    cli.setOut(new PrintWriter(stdout));
    assertEquals(0, cli.execute(log.toString(), "--out", html.toString()), stdout.toString());
    String page = Files.readString(html);
    assertFalse(Pattern.compile("(?i)(https?:|//[a-z]|src=|<script|<link|@import|url\\()").matcher(page).find(),
        "no external reference and no script");
    assertTrue(page.contains("KZ-TEM-0042"));

    if (!Files.isExecutable(CHROMIUM)) {
      fail("Headless check needs Debian's chromium at " + CHROMIUM + " (apt-get install -y chromium)");
    }
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    Path dom = dir.resolve("dom.html");
    Path errors = dir.resolve("chromium.log");
    Path screenshot = dir.resolve("trip.png");
    run(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-logging=stderr",
        "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString()), dom, errors);
    String rendered = Files.readString(dom);
    assertEquals(11, count(rendered, "<svg"), "5 charts over time, 5 over distance, 1 energy bar chart");
    assertEquals(14, count(rendered, "<polyline"), "speed, power, SoC, spread, 3 temperatures, twice");
    assertTrue(count(rendered, "class=\"alarm\"") >= 2 * 5, "raised and cleared marked on each time chart");
    assertEquals(4, count(rendered, "class=\"bar\""));
    Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(rendered);
    while (points.find()) {
      assertTrue(points.group(1).trim().split(" ").length > 100, "every line has its points");
    }
    String log = Files.readString(errors);
    assertFalse(log.contains("Uncaught") || log.contains(":CONSOLE("), "no script or console errors: " + log);

    run(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--window-size=1280,2400", "--screenshot=" + screenshot, html.toUri().toString()),
        dir.resolve("shot.out"), dir.resolve("shot.err"));
    byte[] png = Files.readAllBytes(screenshot);
    assertTrue(png.length > 20_000, "a screenshot with content: " + png.length + " bytes");
    assertEquals(0x89, png[0] & 0xff);
    String keep = System.getProperty("locolink.report.screenshot");
    if (keep != null) {
      Files.copy(screenshot, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void run(List<String> command, Path stdout, Path stderr) throws Exception {
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 90 s");
    }
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(stderr));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
