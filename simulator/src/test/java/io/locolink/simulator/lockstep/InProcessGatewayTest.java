package io.locolink.simulator.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.framing.Headers;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway chooses its transport from the configuration: with {@code uplink.transport:
 * inProcess} and no embedding program it writes every message to its capture file, through the
 * same send policy as over MQTT, and what is neither captured nor still journaled is nothing.
 */
class InProcessGatewayTest {

  @TempDir Path dir;

  record Captured(String topic, byte[] payload) {}

  @Test
  void theGatewayOnTheInProcessTransportCapturesEveryMessageAndLosesNone() throws Exception {
    Path capture = dir.resolve("capture.bin");
    LocoLinkConfig cfg = LockstepRun.config(AcceleratedTimeTest.YARD, dir.resolve("state"),
        "uplink: {transport: inProcess, captureFile: \"" + capture + "\"}");
    Instant until = AcceleratedTimeTest.YARD.initial().startUtc().plusSeconds(600);
    LockstepRun.run(AcceleratedTimeTest.YARD, cfg, 0, until);

    List<Captured> captured = read(capture);
    TreeSet<Long> sequences = new TreeSet<>();
    int frames = 0;
    for (Captured c : captured) {
      assertTrue(c.topic().startsWith("locolink/v1/KZ-LOCK-1/"), c.topic());
      StreamKind kind = StreamKind.valueOf(c.topic().substring(c.topic().lastIndexOf('/') + 1).toUpperCase());
      assertTrue(c.payload().length <= cfg.framing().maxMessageBytes(), c.payload().length + " bytes");
      assertTrue(sequences.add(Headers.read(kind, c.payload()).sequence()), "captured once: " + c.topic());
      frames += kind == StreamKind.TELEMETRY ? 1 : 0;
    }
    assertTrue(frames > 0, "nothing reached the capture file");
    try (Journal journal = Journal.open(cfg.stateDir().resolve("journal"), JournalConfig.defaults(),
        InstantSource.system())) {
      for (StreamKind kind : Journal.LANES) {
        long after = -1;
        for (Optional<JournalRecord> r; (r = journal.next(kind, after, Long.MAX_VALUE)).isPresent(); ) {
          assertTrue(sequences.add(r.get().sequence()), "either captured or still journaled, never both");
          frames += kind == StreamKind.TELEMETRY ? 1 : 0;
          after = r.get().sequence();
        }
      }
    }
    // On a busy machine the uplink may still hold part of the run in the journal when the
    // gateway stops; what counts is that the frames exist, captured or journaled.
    assertTrue(frames >= 500, "10 simulated minutes at one frame a second, got " + frames);
    List<Long> missing = new ArrayList<>();
    for (long s = sequences.first(); s <= sequences.last(); s++) {
      if (!sequences.contains(s)) {
        missing.add(s);
      }
    }
    assertEquals(List.of(), missing, "sequence numbers neither captured nor journaled");
  }

  private static List<Captured> read(Path file) throws Exception {
    List<Captured> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
      while (true) {
        String topic;
        try {
          topic = data.readUTF();
        } catch (EOFException end) {
          return out;
        }
        byte[] payload = new byte[data.readInt()];
        data.readFully(payload);
        out.add(new Captured(topic, payload));
      }
    }
  }
}
