package io.locolink.simulator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A small fleet against a real Mosquitto: every frame arrives, no gaps. */
class FleetTest {

  @Test
  void twentyLocomotivesAndFivePlainPublishersLoseNothing() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      FleetOptions options = new FleetOptions(broker.url(), 20, 5, Duration.ofSeconds(4), "shunting-day", 1, 3);
      FleetReport report = new Fleet(options, InstantSource.system()).run();

      assertTrue(report.telemetryPublished() >= 20 * 3, report.summary());
      assertEquals(20, report.telemetry().senders(), report.summary());
      assertEquals(0, report.telemetry().gaps(), report.summary());
      assertEquals(report.telemetryPublished(), report.telemetry().frames() - report.telemetry().duplicates(), report.summary());
      assertEquals(report.telemetryPublished(), report.telemetryAcknowledged(), report.summary());
      assertTrue(report.telemetryComplete(), report.summary());
      assertEquals(5, report.plain().senders(), report.summary());
      assertTrue(report.plainComplete(), report.summary());
      assertTrue(report.frameBytes() > 500, "a frame carries 216 cells: " + report.frameBytes());
    }
  }

  @Test
  void aFrameCarriesTheStateScaledAsTheProtoSays() throws Exception {
    var state = ScenarioRunner.create(Scenarios.builtIn("shunting-day")).advance(600);
    TelemetryFrame f = TelemetryFrame.parseFrom(TelemetryFrames.build("loco-1", 7, 42, 1_000, 1000, state).toByteArray());
    assertEquals("loco-1", f.getHeader().getLocomotiveId());
    assertEquals(42, f.getHeader().getSequence());
    // cell_mv_delta: first absolute, then differences along the cell index
    int mv = 0;
    for (int i = 0; i < 216; i++) {
      mv += f.getBattery().getCellMvDelta(i);
      assertEquals(Math.round(state.cellVoltagesV()[i] * 1000), mv, "cell " + i);
    }
    assertEquals(Math.round(state.packCurrentA() * 10), f.getBattery().getCurrentDaDelta(0));
    assertEquals(Math.round(state.latitudeDeg() * 1e7), f.getMotion().getPosition().getLatitudeE7());
    assertEquals(6, f.getDrivesCount());
    assertTrue(f.hasGenset(), "the hybrid reports its genset");
  }

  @Test
  void commandRejectsAMissingLocomotiveCount() {
    CommandLine cli = new CommandLine(new FleetCommand());
    cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    assertEquals(2, cli.execute("--broker", "tcp://127.0.0.1:1"));
    assertThrows(IllegalArgumentException.class,
        () -> new FleetOptions("tcp://x:1", 0, 0, Duration.ofSeconds(1), "shunting-day", 1, 1));
  }
}
