package io.locolink.gateway.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code locolink} command line of the onboard distribution: the gateway and its commissioning
 * tools. The ground and development distributions add their own subcommands to it.
 */
@Command(name = "locolink", mixinStandardHelpOptions = true, versionProvider = LocoLinkCommand.Version.class,
    description = "LocoLink: energy telemetry for battery and hybrid locomotives.",
    subcommands = {GatewayCommand.class, DevicesCommand.class})
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
