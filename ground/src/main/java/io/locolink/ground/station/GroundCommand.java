package io.locolink.ground.station;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.systemd.ServiceManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code locolink ground}: runs the ground station until interrupted. */
@Command(name = "ground", mixinStandardHelpOptions = true,
    description = "Run the ground station: store every locomotive's messages in PostgreSQL and serve the read API.")
public final class GroundCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  /** The ingest's writer goes round every 200 ms when idle; a batch write may take a few seconds under load. */
  static final Duration MAX_WRITER_IDLE = Duration.ofSeconds(10);
  /** How long a signal waits for the station to close before the JVM halts (within the unit's TimeoutStopSec, 30 s). */
  static final Duration STOP_WAIT = Duration.ofSeconds(25);

  private final Function<StationConfig, StationExtension> extension;

  /** The station alone. */
  public GroundCommand() {
    this(cfg -> null);
  }

  /** The station with what {@code extension} makes of its configuration (null: nothing). */
  public GroundCommand(Function<StationConfig, StationExtension> extension) {
    this.extension = extension;
  }

  @Option(names = "--config", description = "Station configuration (YAML). Without it: broker tcp://127.0.0.1:1883, "
      + "embedded PostgreSQL in ~/.local/state/locolink-ground, read API on http://127.0.0.1:8080/api/v1.")
  private Path config;

  @Override
  public Integer call() throws Exception {
    StationConfig cfg;
    try {
      cfg = config == null ? StationConfig.defaults() : StationConfig.load(config);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("ground: " + e.getMessage());
      return 2;
    }
    CountDownLatch stop = new CountDownLatch(1);
    StationExtension added;
    try {
      added = extension.apply(cfg);
    } catch (IllegalArgumentException | ConfigException e) {
      spec.commandLine().getErr().println("ground: " + e.getMessage());
      return 2;
    }
    GroundStation started;
    try {
      started = GroundStation.start(cfg, added == null ? List.of() : added.plugins());
    } catch (java.io.IOException | RuntimeException e) {
      // RuntimeException: a ConfigException, the database refused (its pool's first connection), an unreadable
      // password file, a port already taken; each says what failed in its message.
      if (added != null) {
        added.close();
      }
      spec.commandLine().getErr().println("ground: cannot start the station: " + e.getMessage());
      return 2;
    }
    // A signal (SIGTERM from systemd, Ctrl-C) ends the wait below; the hook then holds the JVM until
    // the station is closed, so the batch in hand is committed and acknowledged before it halts.
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        done.await(STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ground-stop"));
    try (GroundStation station = started) {
      spec.commandLine().getOut().println("ground station running: " + station.httpUrl() + "/api/v1/fleet");
      if (added != null) {
        added.started(station, spec.commandLine().getOut());
      }
      spec.commandLine().getOut().flush();
      // Under systemd (Type=notify, WatchdogSec): ready now that HTTP listens and the ingest runs.
      try (ServiceNotifier notifier = ServiceNotifier.start(ServiceManager.fromEnvironment(),
          () -> station.live(MAX_WRITER_IDLE), "serving " + station.httpUrl() + "/api/v1")) {
        stop.await();
      }
    } finally {
      try {
        if (added != null) {
          added.close();
        }
      } finally {
        done.countDown();
      }
    }
    return 0;
  }
}
