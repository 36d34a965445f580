package io.locolink.simulator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.simulator.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** {@code locolink ARGS} run in this JVM, every command as {@link Main} has them, its output captured. */
public final class LocolinkCli {

  private LocolinkCli() {}

  /** Runs {@code args}, checks that the exit code is 0 (naming the command and its output if not), returns its standard output. */
  public static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    assertEquals(0, exit, String.join(" ", args) + ": " + out + err);
    return out.toString();
  }
}
