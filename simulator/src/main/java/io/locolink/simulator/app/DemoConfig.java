package io.locolink.simulator.app;

import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.simulator.physics.VehicleKind;
import io.locolink.simulator.physics.VehicleSpec;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The gateway configuration for a simulated locomotive: the reference wiring sized to the
 * scenario's vehicle (cells, strings, drives, genset), the simulator platform, and a broker (the
 * embedded one on loopback, or an external one with TLS and credentials). Written as YAML and read
 * through the same loader and validation as a real file.
 */
public final class DemoConfig {

  private DemoConfig() {}

  /**
   * Where the gateway publishes.
   *
   * @param url {@code tcp://} (loopback) or {@code ssl://} broker URL
   * @param caFile PEM CA the broker's certificate must chain to, or null for the JDK's trust store
   * @param usernameFile file holding the MQTT user name, or null for anonymous
   * @param passwordFile file holding the MQTT password, or null
   */
  public record Broker(String url, Path caFile, Path usernameFile, Path passwordFile) {

    /** A broker without TLS settings or credentials. */
    public static Broker plain(String url) {
      return new Broker(url, null, null, null);
    }

    String yaml(int statusIntervalS) {
      StringBuilder b = new StringBuilder("mqtt:\n  url: \"" + url + "\"\n  statusIntervalS: " + statusIntervalS + "\n");
      line(b, "caFile", caFile);
      line(b, "usernameFile", usernameFile);
      line(b, "passwordFile", passwordFile);
      return b.toString();
    }

    private static void line(StringBuilder b, String key, Path value) {
      if (value != null) {
        b.append("  ").append(key).append(": \"").append(yamlPath(value)).append("\"\n");
      }
    }
  }

  /** Without the depot server, on a plain broker, at 1x. */
  public static LocoLinkConfig forVehicle(String locomotiveId, VehicleSpec vehicle, Path stateDir, String brokerUrl) {
    return forVehicle(locomotiveId, vehicle, stateDir, Broker.plain(brokerUrl), 1);
  }

  /** Without the depot server; {@code speed} as in {@link #statusIntervalS}. */
  public static LocoLinkConfig forVehicle(String locomotiveId, VehicleSpec vehicle, Path stateDir, Broker broker,
      double speed) {
    return parse(locomotiveId, vehicle, stateDir, broker, speed, "depot:\n  enabled: false\n");
  }

  /** With the depot server on loopback {@code depotPort}, DTLS with the keys of {@code pskFile}. */
  public static LocoLinkConfig withDepot(String locomotiveId, VehicleSpec vehicle, Path stateDir, String brokerUrl,
      Path pskFile, int depotPort) {
    return withDepot(locomotiveId, vehicle, stateDir, Broker.plain(brokerUrl), 1, pskFile, depotPort);
  }

  /**
   * With the depot server on loopback {@code depotPort}, DTLS with the keys of {@code pskFile};
   * {@code speed} as in {@link #statusIntervalS}.
   */
  public static LocoLinkConfig withDepot(String locomotiveId, VehicleSpec vehicle, Path stateDir, Broker broker,
      double speed, Path pskFile, int depotPort) {
    return parse(locomotiveId, vehicle, stateDir, broker, speed, String.format(Locale.ROOT,
        "depot:\n  bindAddress: 127.0.0.1\n  port: %d\n  pskFile: \"%s\"\n", depotPort, yamlPath(pskFile)));
  }

  /**
   * The retained status's interval for a demo at {@code speed}, in the simulated seconds the
   * gateway's clock counts: one status every 2 wall seconds at any speed, for the live view's queue
   * and link lines. A fixed 2 simulated seconds would send {@code speed / 2} statuses a wall second
   * (50 at 100x), each stored by the station.
   */
  static int statusIntervalS(double speed) {
    return (int) Math.max(2, Math.round(2 * speed));
  }

  private static LocoLinkConfig parse(String locomotiveId, VehicleSpec vehicle, Path stateDir, Broker broker,
      double speed, String depotSection) {
    boolean hybrid = vehicle.kind() == VehicleKind.HYBRID;
    String yaml = String.format(Locale.ROOT, """
        locomotive:
          id: %s
          kind: %s
        platform: simulator
        stateDir: "%s"
        estimation:
          consumptionPointId: %s
          packCapacityAh: %.1f
        devices:
          driveCount: %d
          pack:
            cellsInSeries: %d
            stringsParallel: %d
          genset:
            present: %s
        """,
        locomotiveId, hybrid ? "HYBRID" : "BATTERY", yamlPath(stateDir), locomotiveId,
        vehicle.pack().ratedPackAh(), vehicle.driveCount(), vehicle.pack().seriesCells(),
        vehicle.pack().parallelStrings(), hybrid);
    return ConfigLoader.parse(yaml + broker.yaml(statusIntervalS(speed)) + depotSection, LocoLinkConfig.class);
  }

  private static String yamlPath(Path path) {
    return path.toString().replace("\\", "/");
  }
}
