package io.locolink.simulator.app;

import io.locolink.ground.GroundCommands;
import picocli.CommandLine;

/**
 * Entry point of the development distribution: every onboard and ground command plus {@code demo} and
 * {@code simulator}, which need the simulator on the class path.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo") && System.getProperty("locolink.log.level") == null) {
      System.setProperty("locolink.log.level", "WARN");  // the live view owns the terminal
    }
    System.exit(commandLine().execute(args));
  }

  /** Every command of the development distribution: the onboard and ground ones, {@code demo} and {@code simulator}. */
  public static CommandLine commandLine() {
    CommandLine cli = GroundCommands.commandLine();
    cli.addSubcommand(new DemoCommand());
    cli.addSubcommand(new SimulatorCommand());
    return cli;
  }
}
