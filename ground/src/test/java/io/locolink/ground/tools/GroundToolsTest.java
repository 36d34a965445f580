package io.locolink.ground.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.ground.GroundCommands;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.testing.MosquittoBroker;
import io.locolink.testing.Snapshots;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The ground engineer's commands, run through the real command line. */
class GroundToolsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

  private static byte[] frame(String loco, long sequence) {
    Snapshot s = Snapshots.of(5_000_000_000L, T0, 3.30, 250.0, 12.5, 2);
    Estimates e = new Estimates(63.2, 2.0, 98.0, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0,
        List.of(), List.of(), EnergyTotals.zero(), true);
    return TelemetryFrameEncoder.encode(new HeaderFields(loco, 9, sequence, T0, ClockQuality.SYNCED), List.of(s), e)
        .toByteArray();
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GroundCommands.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void decodePrintsAFrameInEngineeringUnits(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("frame.bin");
    Files.write(file, frame("KZ1", 41));
    Run run = run("decode", "--type", "telemetry", file.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("KZ1", json.get("locomotiveId").asText());
    assertEquals(41, json.get("sequence").asLong());
    assertEquals(216 * 3.30, json.get("packVoltageV").get(0).asDouble(), 0.005);  // 216 cells in series
    assertEquals(250.0, json.get("packCurrentA").get(0).asDouble(), 0.05);
    assertEquals(216, json.get("cellVoltagesV").size());
  }

  @Test
  void decodePrintsEveryValueAtItsResolution(@TempDir Path dir) throws Exception {
    // 36.8 A on each of two drives: 368 in 0.1 A on the wire, which 368 x 0.1 would print as 36.800000000000004;
    // the pack at 216 x 3.30 V = 712.80 V is 71280 in 0.01 V (71280 x 0.01 = 712.8000000000001), each cell 3300 mV.
    Snapshot s = Snapshots.of(5_000_000_000L, T0, 3.30, 73.6, 11.88, 2);
    Estimates e = new Estimates(63.2, 2.0, 98.0, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0,
        List.of(), List.of(), EnergyTotals.zero(), true);
    Path file = dir.resolve("frame.bin");
    Files.write(file, TelemetryFrameEncoder.encode(new HeaderFields("KZ1", 9, 1, T0, ClockQuality.SYNCED), List.of(s), e)
        .toByteArray());
    Run run = run("decode", file.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("36.8", json.get("drives").get(0).get("currentA").get(0).asText());
    assertEquals("73.6", json.get("packCurrentA").get(0).asText());
    assertEquals("712.8", json.get("packVoltageV").get(0).asText());
    assertEquals("3.3", json.get("cellVoltagesV").get(0).asText());
    assertEquals("11.88", json.get("speedKmh").get(0).asText());
    // The finest resolution on the wire is 1e-7 degree of latitude: no number needs more decimals.
    Matcher noise = Pattern.compile("\\d+\\.\\d{8,}").matcher(run.out());
    assertFalse(noise.find(), () -> "binary noise in " + noise.group() + ": " + run.out());
  }

  @Test
  void decodePrintsTheSameBootIdForEveryMessageType(@TempDir Path dir) throws Exception {
    // A boot id above 2^63: header.boot_id is a fixed64, which proto3's JSON mapping prints as an unsigned
    // decimal string, 2^64 - 4772297679710817762 here.
    long boot = -4772297679710817762L;
    String unsigned = "13674446393998733854";
    Snapshot s = Snapshots.of(5_000_000_000L, T0, 3.30, 250.0, 12.5, 2);
    Estimates e = new Estimates(63.2, 2.0, 98.0, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0,
        List.of(), List.of(), EnergyTotals.zero(), true);
    Path frame = Files.write(dir.resolve("frame.bin"), TelemetryFrameEncoder.encode(
        new HeaderFields("KZ1", boot, 1, T0, ClockQuality.SYNCED), List.of(s), e).toByteArray());
    Path energy = Files.write(dir.resolve("energy.bin"), io.locolink.proto.v1.EnergyRecord.newBuilder()
        .setHeader(io.locolink.proto.v1.Header.newBuilder().setLocomotiveId("KZ1").setBootId(boot).setSequence(2))
        .build().toByteArray());
    Run telemetry = run("decode", frame.toString());
    Run record = run("decode", "--type", "energy", energy.toString());
    assertEquals(0, telemetry.exit(), telemetry.err());
    assertEquals(0, record.exit(), record.err());
    assertEquals(unsigned, new ObjectMapper().readTree(telemetry.out()).get("bootId").asText());
    assertEquals(unsigned, new ObjectMapper().readTree(record.out()).get("header").get("bootId").asText());
  }

  @Test
  void decodeRefusesForeignBytesWithAClearMessage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("foreign.bin");
    Files.writeString(file, "{\"this\": \"is JSON, not protobuf\"}");
    Run run = run("decode", "--type", "energy", file.toString());
    assertEquals(3, run.exit());
    assertTrue(run.err().contains("not a valid locolink.v1.EnergyRecord"), run.err());
  }

  @Test
  void decodeNamesTheTypeOfAMessageGivenAsAnotherAndWarnsOfFieldsItDoesNotKnow(@TempDir Path dir) throws Exception {
    // An energy record as the gateway writes it, decoded without --type (telemetry, the default): its fields 2-17
    // are strings and integers where a TelemetryFrame has other types or none, so it is not one.
    io.locolink.proto.v1.EnergyRecord record = io.locolink.proto.v1.EnergyRecord.newBuilder()
        .setHeader(io.locolink.proto.v1.Header.newBuilder().setLocomotiveId("KZ1").setBootId(9).setSequence(3))
        .setConsumptionPointId("KZ1-TRACTION").setPeriodEndUnixS(1_764_050_700L).setPeriodS(300).setConsumedWh(41_250)
        .setRegeneratedWh(3_100).setCo2AvoidedG(-120).build();
    Path energy = Files.write(dir.resolve("energy.bin"), record.toByteArray());
    Run wrong = run("decode", energy.toString());
    assertEquals(3, wrong.exit(), wrong.out());
    assertTrue(wrong.err().contains("not a locolink.v1.TelemetryFrame") && wrong.err().contains("use --type energy"),
        wrong.err());
    assertEquals("", wrong.out());
    Run right = run("decode", "--type", "energy", energy.toString());
    assertEquals(0, right.exit(), right.err());
    assertEquals("", right.err());
    assertEquals("41250", new ObjectMapper().readTree(right.out()).get("consumedWh").asText());

    // A frame from a newer gateway: a field this version does not define (number 4000, a varint) after the frame's
    // own. It is still a frame: decoded, with a warning that the field is left out.
    byte[] frame = frame("KZ1", 7);
    byte[] newer = java.util.Arrays.copyOf(frame, frame.length + 4);
    newer[frame.length] = (byte) 0x80;      // tag (4000 << 3 | 0) = 32000 as a varint: 0x80 0xFA 0x01
    newer[frame.length + 1] = (byte) 0xFA;
    newer[frame.length + 2] = (byte) 0x01;
    newer[frame.length + 3] = (byte) 0x05;  // its value, 5
    Run warned = run("decode", Files.write(dir.resolve("newer.bin"), newer).toString());
    assertEquals(0, warned.exit(), warned.err());
    assertTrue(warned.err().contains("warning") && warned.err().contains("does not define"), warned.err());
    assertEquals(7, new ObjectMapper().readTree(warned.out()).get("sequence").asLong());
    Run plain = run("decode", Files.write(dir.resolve("frame.bin"), frame).toString());
    assertEquals("", plain.err());
  }

  @Test
  void decodeReadsStandardInputWithoutAFileAndItsUsageSaysTheFileIsOptional() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(frame("KZ-STDIN-1", 5)));
      Run run = run("decode");
      assertEquals(0, run.exit(), run.err());
      assertTrue(run.out().contains("\"locomotiveId\" : \"KZ-STDIN-1\""), run.out());
    } finally {
      System.setIn(stdin);
    }
    Run help = run("decode", "--help");
    assertTrue(help.out().lines().anyMatch(l -> l.startsWith("Usage: ") && l.contains(" [FILE]")), help.out());
  }

  @Test
  void decodeNamesAMissingFile() {
    Run run = run("decode", "no-such-file.bin");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("cannot read no-such-file.bin: no such file"), run.err());
  }

  @Test
  void groundNamesADatabaseThatRefusesAndAMissingPasswordFileWithoutAStackTrace(@TempDir Path dir) throws Exception {
    int closedPort = closedPort();
    Path password = ownerOnly(dir.resolve("db-password"), "secret");
    Run run = run("ground", "--config", refusingStation(dir, closedPort, password).toString());
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().startsWith("ground: cannot start the station: ")
        && run.err().contains("127.0.0.1:" + closedPort + " refused"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());

    run = run("ground", "--config", refusingStation(dir, closedPort, dir.resolve("missing")).toString());
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("password file " + dir.resolve("missing") + " does not exist"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void userAddNamesAMissingPasswordFileAndADatabaseThatRefusesWithoutAStackTrace(@TempDir Path dir) throws Exception {
    int closedPort = closedPort();
    Path config = refusingStation(dir, closedPort, ownerOnly(dir.resolve("db-password"), "secret"));
    Path missing = dir.resolve("no-password");
    Run run = run("ground", "user", "add", "erin", "--role", "engineer", "--password-file", missing.toString(),
        "--config", config.toString());
    assertEquals(2, run.exit(), run.err());
    assertEquals("user add: the password file " + missing + " does not exist", run.err().strip());

    Path password = ownerOnly(dir.resolve("erin-password"), "long enough password");
    run = run("ground", "user", "add", "erin", "--role", "engineer", "--password-file", password.toString(),
        "--config", config.toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().startsWith("user add: the database refused: ")
        && run.err().contains("127.0.0.1:" + closedPort + " refused"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();  // nothing listens there once it is closed
    }
  }

  private static Path ownerOnly(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** A station configuration whose broker and PostgreSQL server are at {@code port}, where nothing listens. */
  private static Path refusingStation(Path dir, int port, Path passwordFile) throws IOException {
    return Files.writeString(dir.resolve("station-" + passwordFile.getFileName() + ".yaml"), """
        stateDir: %s
        broker:
          url: tcp://127.0.0.1:%d
        database:
          url: jdbc:postgresql://127.0.0.1:%d/locolink
          user: locolink
          passwordFile: %s
        http:
          port: 0
        """.formatted(dir.resolve("state"), port, port, passwordFile));
  }

  @Test
  void watchOfALocomotiveNotHeardYetWaitsForIt() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      Run run = run("watch", "--broker", broker.url(), "--loco", "KZ-NOT-THERE", "--count", "1", "--plain");
      assertEquals(0, run.exit(), run.err());
      assertTrue(run.out().contains("locomotive KZ-NOT-THERE\n(waiting for the first telemetry frame"), run.out());
    }
  }

  @Test
  void watchRefusesABrokerUrlOfAnotherScheme() {
    Run run = run("watch", "--broker", "http://127.0.0.1:1883", "--count", "1");
    assertEquals(2, run.exit(), run.err());
    assertEquals("watch: --broker must be tcp://HOST:PORT or ssl://HOST:PORT, got http://127.0.0.1:1883",
        run.err().strip());
  }

  @Test
  void watchShowsEveryLocomotiveOnARealBroker() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      MqttClient publisher = new MqttClient(broker.url(), "test-publisher", new MemoryPersistence());
      publisher.connect();
      // Retained, so the watcher sees them whenever it subscribes.
      publisher.publish("locolink/v1/KZ1/telemetry", frame("KZ1", 1), 1, true);
      publisher.publish("locolink/v1/KZ2/telemetry", frame("KZ2", 1), 1, true);
      Run run = run("watch", "--broker", broker.url(), "--count", "1", "--interval", "3", "--plain");
      publisher.disconnect();
      publisher.close();
      assertEquals(0, run.exit(), run.err());
      assertTrue(run.out().contains("KZ1") && run.out().contains("KZ2"), run.out());
      assertTrue(run.out().contains("712.8"), "pack voltage 216 x 3.30 V: " + run.out());
      assertTrue(run.out().contains(" 63.2/ 62.5"), "SoC estimate and BMS SoC: " + run.out());
    }
  }

  @Test
  void watchShowsWhatTheLocomotiveDoesNotKnowAsUnknown() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      MqttClient publisher = new MqttClient(broker.url(), "test-publisher", new MemoryPersistence());
      publisher.connect();
      publisher.publish("locolink/v1/KZ9/telemetry", ViewsUnknownTest.frameWithUnknowns("KZ9"), 1, true);
      Run run = run("watch", "--broker", broker.url(), "--loco", "KZ9", "--count", "1", "--interval", "3", "--plain");
      publisher.disconnect();
      publisher.close();
      assertEquals(0, run.exit(), run.err());
      assertFalse(run.out().contains("NaN"), run.out());
      assertTrue(run.out().contains("  Temperatures       cells unknown degC\n"), run.out());
      assertTrue(run.out().contains("winding unknown  bearing unknown"), run.out());
    }
  }

  @Test
  void watchExplainsAnUnreachableBroker() throws Exception {
    int port = MosquittoBroker.freePort();
    Run run = run("watch", "--broker", "tcp://127.0.0.1:" + port, "--count", "1");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("cannot subscribe at tcp://127.0.0.1:" + port), run.err());
  }
}
