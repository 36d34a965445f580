package io.locolink.ground;

import io.locolink.gateway.app.LocoLinkCommand;
import io.locolink.ground.station.GroundCommand;
import io.locolink.ground.tools.DecodeCommand;
import io.locolink.ground.tools.WatchCommand;
import io.locolink.ground.tools.depot.DepotCommand;
import io.locolink.ground.tools.report.ExportCommand;
import io.locolink.ground.tools.report.ReportCommand;
import io.locolink.ground.web.DashboardExtension;
import io.locolink.ground.web.UserCommand;
import picocli.CommandLine;

/** The ground's subcommands of the one {@code locolink} launcher. */
public final class GroundCommands {

  private GroundCommands() {}

  /**
   * Adds every ground command to a command line.
   *
   * @return the same command line
   */
  public static CommandLine addTo(CommandLine cli) {
    cli.addSubcommand(new WatchCommand());
    cli.addSubcommand(new DecodeCommand());
    cli.addSubcommand(new DepotCommand());
    cli.addSubcommand(new ReportCommand());
    cli.addSubcommand(new ExportCommand());
    cli.addSubcommand(new GroundCommand(DashboardExtension::of));
    cli.getSubcommands().get("ground").addSubcommand(new UserCommand());
    return cli.setCaseInsensitiveEnumValuesAllowed(true);  // applies to the subcommands added so far
  }

  /** The command line of the ground distribution: the onboard commands plus the ground's. */
  public static CommandLine commandLine() {
    return addTo(LocoLinkCommand.commandLine());
  }
}
