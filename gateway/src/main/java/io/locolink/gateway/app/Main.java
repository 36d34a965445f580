package io.locolink.gateway.app;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Entry point of the onboard distribution (no simulator on the class path). */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Optional<Path> service = serviceConfig(args);
    if (service.isPresent()) {
      warmUp();
      System.exit(runService(GatewayCommand.forService(service.get())));
    }
    System.exit(LocoLinkCommand.commandLine().execute(args));
  }

  /**
   * The configuration file when {@code args} are exactly the service's command line, {@code gateway
   * --config FILE}: that one is run without picocli, whose classes (compiled for Java 5, which the
   * class-data archive cannot hold) are otherwise parsed and verified at every start. Any other command
   * line, help and {@code --check} included, goes through picocli.
   */
  static Optional<Path> serviceConfig(String[] args) {
    if (args.length == 3 && args[0].equals("gateway") && args[1].equals("--config") && !args[2].startsWith("-")) {
      return Optional.of(Path.of(args[2]));
    }
    return Optional.empty();
  }

  /** Runs the gateway command; like picocli, an exception it throws is printed and exits 1. */
  static int runService(GatewayCommand command) {
    try {
      return command.call();
    } catch (Exception e) {
      e.printStackTrace();
      return 1;
    }
  }

  /**
   * Configures logging on a daemon thread while the main thread reads the configuration and opens the
   * journal, so that the start-up's class loading runs on two cores, not one.
   */
  static void warmUp() {
    Thread t = new Thread(LoggerFactory::getILoggerFactory, "start-up");
    t.setDaemon(true);
    t.start();
  }
}
