package io.locolink.ground.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
  void decodeRefusesForeignBytesWithAClearMessage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("foreign.bin");
    Files.writeString(file, "{\"this\": \"is JSON, not protobuf\"}");
    Run run = run("decode", "--type", "energy", file.toString());
    assertEquals(3, run.exit());
    assertTrue(run.err().contains("not a valid locolink.v1.EnergyRecord"), run.err());
  }

  @Test
  void decodeNamesAMissingFile() {
    Run run = run("decode", "no-such-file.bin");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("cannot read no-such-file.bin"), run.err());
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
  void watchExplainsAnUnreachableBroker() throws Exception {
    int port = MosquittoBroker.freePort();
    Run run = run("watch", "--broker", "tcp://127.0.0.1:" + port, "--count", "1");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("cannot subscribe at tcp://127.0.0.1:" + port), run.err());
  }
}
