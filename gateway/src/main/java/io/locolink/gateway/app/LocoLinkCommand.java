package io.locolink.gateway.app;

import io.locolink.ground.DecodeCommand;
import io.locolink.ground.depot.DepotCommand;
import io.locolink.ground.report.ExportCommand;
import io.locolink.ground.report.ReportCommand;
import io.locolink.ground.WatchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code locolink} command line: one launcher for the gateway, ground and depot tools. */
@Command(name = "locolink", mixinStandardHelpOptions = true, versionProvider = LocoLinkCommand.Version.class,
    description = "LocoLink: energy telemetry for battery and hybrid locomotives.",
    subcommands = {GatewayCommand.class, DevicesCommand.class, WatchCommand.class, DecodeCommand.class,
        DepotCommand.class, ReportCommand.class, ExportCommand.class})
public final class LocoLinkCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A command line with every subcommand of the onboard distribution. */
  public static CommandLine commandLine() {
    return new CommandLine(new LocoLinkCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** The software version, from the jar's manifest when there is one. */
  public static String version() {
    String v = LocoLinkCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Prints {@link #version()}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"locolink " + version()};
    }
  }
}
