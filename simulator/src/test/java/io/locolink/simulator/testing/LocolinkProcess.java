package io.locolink.simulator.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.app.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code locolink ARGS} (the development distribution's {@link Main}) as its own JVM, on this test run's class path. */
public final class LocolinkProcess {

  private LocolinkProcess() {}

  /**
   * The command: this JVM's {@code java}, {@code jvmOptions}, this JVM's class path, {@link Main} and
   * {@code args}; not started, so the caller can choose where its output goes.
   */
  public static ProcessBuilder builder(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /**
   * Waits up to a second for the next of what {@code process} sent; if nothing came, checks that
   * the process still runs (failing with its log if it ended) and returns null.
   */
  public static <T> T next(BlockingQueue<T> received, Process process, Path log) throws Exception {
    T m = received.poll(1, TimeUnit.SECONDS);
    if (m == null) {
      assertTrue(process.isAlive(), () -> "the process ended: " + readLog(log));
    }
    return m;
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "(its log " + log + " cannot be read: " + e + ")";
    }
  }

  /** Starts {@code locolink args} with its standard output and standard error both written to {@code log}. */
  public static Process start(Path log, List<String> jvmOptions, String... args) throws IOException {
    return builder(jvmOptions, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
