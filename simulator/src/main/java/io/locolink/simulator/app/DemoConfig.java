package io.locolink.simulator.app;

import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.simulator.physics.VehicleKind;
import io.locolink.simulator.physics.VehicleSpec;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The gateway configuration for a simulated locomotive: the reference wiring sized to the
 * scenario's vehicle (cells, strings, drives, genset), the simulator platform, and a broker on
 * loopback. Written as YAML and read through the same loader and validation as a real file.
 */
public final class DemoConfig {

  private DemoConfig() {}

  /** Without the depot server. */
  public static LocoLinkConfig forVehicle(String locomotiveId, VehicleSpec vehicle, Path stateDir, String brokerUrl) {
    return parse(locomotiveId, vehicle, stateDir, brokerUrl, "depot:\n  enabled: false\n");
  }

  /** With the depot server on loopback {@code depotPort}, DTLS with the keys of {@code pskFile}. */
  public static LocoLinkConfig withDepot(String locomotiveId, VehicleSpec vehicle, Path stateDir, String brokerUrl,
      Path pskFile, int depotPort) {
    return parse(locomotiveId, vehicle, stateDir, brokerUrl, String.format(Locale.ROOT,
        "depot:\n  bindAddress: 127.0.0.1\n  port: %d\n  pskFile: \"%s\"\n", depotPort, yamlPath(pskFile)));
  }

  private static LocoLinkConfig parse(String locomotiveId, VehicleSpec vehicle, Path stateDir, String brokerUrl,
      String depotSection) {
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
        mqtt:
          url: %s
          statusIntervalS: 2
        """,
        locomotiveId, hybrid ? "HYBRID" : "BATTERY", yamlPath(stateDir), locomotiveId,
        vehicle.pack().ratedPackAh(), vehicle.driveCount(), vehicle.pack().seriesCells(),
        vehicle.pack().parallelStrings(), hybrid, brokerUrl);
    return ConfigLoader.parse(yaml + depotSection, LocoLinkConfig.class);
  }

  private static String yamlPath(Path path) {
    return path.toString().replace("\\", "/");
  }
}
