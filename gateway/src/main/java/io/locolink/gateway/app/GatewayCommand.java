package io.locolink.gateway.app;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.journal.JournalException;
import io.locolink.gateway.systemd.ServiceManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code locolink gateway --config FILE}: the onboard program. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Run the onboard gateway: read the locomotive's sensors, journal and publish telemetry.")
public final class GatewayCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--config", required = true,
      description = "YAML configuration file (installed as /etc/locolink/locolink.yaml).")
  private Path config;

  @Option(names = "--check", description = "Validate the configuration, every file it names and (on a Raspberry Pi)"
      + " every device node, as the user the service runs as; then exit.")
  private boolean checkOnly;

  /** The command as the service runs it, {@code gateway --config FILE}, without a command-line parser. */
  static GatewayCommand forService(Path config) {
    GatewayCommand command = new GatewayCommand();
    command.config = config;
    return command;
  }

  private PrintWriter out() {
    return spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
  }

  @Override
  public Integer call() throws Exception {
    LocoLinkConfig cfg;
    try {
      cfg = ConfigLoader.load(config);
    } catch (ConfigException e) {
      err().println("locolink gateway: " + config + ": " + e.getMessage());
      return 2;
    }
    if (checkOnly) {
      return check(cfg);
    }
    ServiceManager manager = ServiceManager.fromEnvironment();
    Gateway gateway;
    try {
      gateway = Gateway.start(cfg, manager);
    } catch (ConfigException e) {
      err().println("locolink gateway: " + config + ": " + e.getMessage());
      return 2;
    } catch (JournalException e) {
      err().println("locolink gateway: cannot open the journal under " + cfg.stateDir()
          + ": " + e.getMessage());
      return 3;
    } catch (RuntimeException e) {
      err().println("locolink gateway: cannot start: " + e.getMessage());
      return 4;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      manager.stopping();
      gateway.close();
    }, "shutdown"));
    // Ready once the start has settled: the notification's first send loads a native library, which would
    // compete with the first frame for the processor (the watchdog is pinged only from then on).
    gateway.awaitSettled(Gateway.DEPOT_LATEST_START);
    if (!gateway.closed()) {
      manager.ready("acquiring; locomotive " + cfg.locomotive().id());
    }
    gateway.awaitShutdown();
    if (gateway.fatalError().isPresent()) {
      err().println("locolink gateway: stopped by " + gateway.fatalError().get());
      return 70;  // EX_SOFTWARE: let systemd restart it
    }
    return 0;
  }

  /** Checks every file and device the configuration names, without starting anything (exit 2 on a problem). */
  private int check(LocoLinkConfig cfg) {
    List<String> problems = new InstallationCheck(out(), err()).run(cfg);
    if (!problems.isEmpty()) {
      err().println("locolink gateway: " + config + ": " + problems.size() + " problem"
          + (problems.size() == 1 ? "" : "s"));
      return 2;
    }
    out().println("configuration OK: locomotive " + cfg.locomotive().id());
    return 0;
  }
}
