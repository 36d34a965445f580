package io.locolink.gateway.app;

import io.locolink.gateway.config.ConfigLoader;
import org.slf4j.LoggerFactory;

/** Entry point of the onboard distribution (no simulator on the class path). */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("gateway")) {
      warmUp();
    }
    System.exit(LocoLinkCommand.commandLine().execute(args));
  }

  /**
   * Starts, on a daemon thread, what the gateway needs right after its command line is parsed: the
   * configuration's parser and deserializers, then logging. The command line (picocli) is parsed
   * meanwhile on the main thread, so the start-up's class loading runs on two cores, not one.
   */
  static void warmUp() {
    Thread t = new Thread(() -> {
      ConfigLoader.warmUp();
      LoggerFactory.getILoggerFactory();
    }, "start-up");
    t.setDaemon(true);
    t.start();
  }
}
