package io.locolink.ground.tools;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code locolink watch}: the ground engineer's live table of every locomotive on a broker. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Subscribe to a broker and show one row per locomotive: SoC, pack, cells, speed, alarms, gaps.")
public final class WatchCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--broker", required = true, description = "Broker URL, e.g. ssl://broker.example:8883 or tcp://127.0.0.1:1883.")
  private String broker;

  @Option(names = "--ca-file", description = "PEM CA certificate to verify an ssl:// broker (default: the JDK's trust store).")
  private java.nio.file.Path caFile;

  @Option(names = "--cert-file", description = "PEM client certificate, for a broker that asks for one (with --key-file).")
  private java.nio.file.Path certFile;

  @Option(names = "--key-file", description = "PKCS#8 PEM private key of the client certificate (readable by its owner only).")
  private java.nio.file.Path keyFile;

  @Option(names = "--username-file", description = "File holding the MQTT user name (readable by its owner only).")
  private java.nio.file.Path usernameFile;

  @Option(names = "--password-file", description = "File holding the MQTT password (readable by its owner only).")
  private java.nio.file.Path passwordFile;

  @Option(names = "--loco", description = "Show the detailed panel of this one locomotive instead of the table.")
  private String loco;

  @Option(names = "--interval", defaultValue = "1", description = "Seconds between refreshes (default: ${DEFAULT-VALUE}).")
  private int intervalS;

  @Option(names = "--count", defaultValue = "0", description = "Stop after this many refreshes (0: run until interrupted).")
  private int count;

  @Option(names = "--plain", description = "Print each refresh below the last instead of redrawing in place.")
  private boolean plain;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    FleetState state = new FleetState();
    if (!broker.startsWith("tcp://") && !broker.startsWith("ssl://")) {
      spec.commandLine().getErr().println("watch: --broker must be tcp://HOST:PORT or ssl://HOST:PORT, got " + broker);
      return 2;
    }
    MqttLogin login;
    try {
      login = MqttLogin.of(caFile, certFile, keyFile, usernameFile, passwordFile);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("watch: " + e.getMessage());
      return 2;
    }
    try (GroundSubscriber ignored = GroundSubscriber.connect(broker, login, state::accept)) {
      for (int i = 0; count == 0 || i < count; i++) {
        Thread.sleep(intervalS * 1000L);
        render(out, state, loco, !plain && System.console() != null);
      }
    } catch (MqttException e) {
      spec.commandLine().getErr().println("watch: cannot subscribe at " + broker + ": " + e.getMessage());
      return 2;
    }
    return 0;
  }

  static void render(PrintWriter out, FleetState state, String loco, boolean inPlace) {
    long now = System.currentTimeMillis();
    var locos = state.snapshot();
    String text = loco == null ? Views.table(locos, now) : Views.panel(loco, locos.get(loco), now);
    out.print(inPlace ? Views.CLEAR + text : text + "\n");
    out.flush();
  }
}
