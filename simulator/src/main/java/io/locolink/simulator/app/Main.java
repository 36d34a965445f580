package io.locolink.simulator.app;

import io.locolink.gateway.app.LocoLinkCommand;

/**
 * Entry point of the development distribution: every onboard command plus {@code demo} and
 * {@code simulator}, which need the simulator on the class path.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    var cli = LocoLinkCommand.commandLine();
    System.exit(cli.execute(args));
  }
}
