package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.testing.LocolinkProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code locolink demo} as its own process, stopped as a user stops it (a signal: Ctrl-C sends
 * SIGINT, a service manager SIGTERM): it closes what it started before the JVM halts.
 */
class DemoSignalTest {

  private static Process demo(Path tmp, Path log, String... args) throws IOException {
    List<String> demo = new java.util.ArrayList<>(List.of("demo", "--plain"));
    demo.addAll(List.of(args));
    return LocolinkProcess.start(log, List.of("-Djava.io.tmpdir=" + tmp), demo.toArray(String[]::new));
  }

  /** Waits until the live view has shown a frame, then sends SIGTERM and waits for the exit. */
  private static void stopOnceLive(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.readString(log).contains("Frame  ") && p.isAlive() && System.nanoTime() < deadline) {
      p.waitFor(200, TimeUnit.MILLISECONDS);
    }
    assertTrue(Files.readString(log).contains("Frame  "), "the live view showed a frame: " + Files.readString(log));
    p.destroy();  // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the demo ended after SIGTERM: " + Files.readString(log));
  }

  @Test
  void aSignalRemovesTheTemporaryStateDirectory(@TempDir Path dir) throws Exception {
    // The demo as the README's first command runs it: with the station and its embedded database,
    // which its own shutdown hook stops while the demo closes.
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path log = dir.resolve("demo.log");
    Process p = demo(tmp, log);
    try {
      stopOnceLive(p, log);
    } finally {
      p.destroyForcibly();
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("locolink-demo")).toList(),
          "the temporary state directory is removed at exit: " + Files.readString(log));
    }
  }

  @Test
  void aSignalStopsTheGatewayCleanlyKeepingItsEnergyPeriod(@TempDir Path dir) throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path state = dir.resolve("state");
    Path log = dir.resolve("demo.log");
    Process p = demo(tmp, log, "--no-station", "--state-dir", state.toString());
    try {
      stopOnceLive(p, log);
    } finally {
      p.destroyForcibly();
    }
    // A clean stop keeps the energy period in progress (README, Guarantees); a halt leaves none.
    assertTrue(Files.isRegularFile(state.resolve("KZ-DEMO-001").resolve("energy-period")),
        "the gateway was closed cleanly: " + Files.readString(log));
  }
}
