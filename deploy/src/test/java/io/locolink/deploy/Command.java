package io.locolink.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command to its end and keeps what it printed (stdout and stderr together). */
record Command(int exitCode, String output) {

  /** Runs {@code command}; fails if it does not end within five minutes. */
  static Command run(String... command) throws IOException, InterruptedException {
    return run(List.of(command));
  }

  static Command run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("command", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not end within 5 minutes");
      }
      return new Command(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Runs {@code command} and returns its output; fails with the output if it exits non-zero. */
  static String ok(String... command) throws IOException, InterruptedException {
    Command c = run(command);
    if (c.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + c.exitCode() + ":\n" + c.output());
    }
    return c.output();
  }

  /** The path of an installed tool, or a failure that says which Debian package brings it. */
  static String tool(String path, String debianPackage) {
    if (!Files.isExecutable(Path.of(path))) {
      throw new AssertionError(path + " is missing: apt-get install " + debianPackage + " (.ci/run installs it)");
    }
    return path;
  }

  /** True if this process runs as root. */
  static boolean root() throws IOException, InterruptedException {
    return run("id", "-u").output().strip().equals("0");
  }
}
