package io.locolink.gateway.config;

import java.nio.file.Path;

/**
 * The gateway's whole configuration, as read from its YAML file and validated once at start-up.
 *
 * @param locomotive which locomotive this is
 * @param platform {@code simulator} (chips emulated in-process) or {@code raspberrypi} (Pi4J
 *     linuxfs + gpiod plugins on a real board)
 * @param stateDir where the journal, trip logs and energy records live
 * @param framing acquisition and frame rates
 * @param estimation energy records, state of charge, alarms and CO2
 * @param devices where every sensor is wired and how it is polled
 * @param journal the durable store-and-forward journal
 * @param mqtt the broker and how to reach it
 * @param uplink which transport the uplink sends through, and when it sets a refused message aside
 * @param trips trip detection, trip logs and their retention
 * @param depot the CoAP/DTLS server depot staff download trips from
 * @param simulator what the simulator platform plays (scenario, speed, faults); ignored on a real board
 */
public record LocoLinkConfig(
    LocomotiveConfig locomotive,
    String platform,
    Path stateDir,
    FramingConfig framing,
    EstimationConfig estimation,
    DevicesConfig devices,
    JournalConfig journal,
    MqttConfig mqtt,
    UplinkConfig uplink,
    TripsConfig trips,
    DepotConfig depot,
    SimulatorConfig simulator) {

  public LocoLinkConfig {
    ConfigException.require("locomotive", locomotive);
    platform = platform == null ? "raspberrypi" : platform;
    if (!platform.equals("simulator") && !platform.equals("raspberrypi")) {
      throw new ConfigException("platform", "must be 'simulator' or 'raspberrypi', got '" + platform + "'");
    }
    ConfigException.require("stateDir", stateDir);
    framing = framing == null ? FramingConfig.defaults() : framing;
    estimation = estimation == null ? EstimationConfig.defaults() : estimation;
    // The locomotive's kind decides whether a genset is there to read.
    devices = (devices == null ? DevicesConfig.defaults() : devices).withGensetPresent(locomotive.hasGenset());
    journal = journal == null ? JournalConfig.defaults() : journal;
    mqtt = mqtt == null ? MqttConfig.defaults() : mqtt;
    uplink = uplink == null ? UplinkConfig.defaults() : uplink;
    trips = trips == null ? TripsConfig.defaults() : trips;
    depot = depot == null ? DepotConfig.defaults() : depot;
    simulator = simulator == null ? SimulatorConfig.defaults() : simulator;
  }
}
