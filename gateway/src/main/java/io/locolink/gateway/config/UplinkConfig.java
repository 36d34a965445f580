package io.locolink.gateway.config;

import java.nio.file.Path;

/**
 * How the uplink sends (YAML key {@code uplink}); the broker itself is the {@code mqtt} section.
 *
 * <pre>
 * uplink:
 *   transport: mqtt            # mqtt: MQTT 3.1.1 to the broker in the mqtt section; mqtt5: MQTT 5 to it,
 *                              # so the broker can say why it refuses a message; inProcess: no network,
 *                              # every message goes to the program that embeds the gateway, or to captureFile
 *   captureFile: null          # inProcess from the command line: messages appended here (default
 *                              # STATE_DIR/uplink-capture.bin); each is synced before the journal lets it go
 *   setAsideAfter: 3           # a message the broker refuses this many times in a row (a refusal, or the
 *                              # connection dropped right after it) is moved to STATE_DIR/set-aside
 * </pre>
 *
 * @param transport {@code mqtt}, {@code mqtt5} or {@code inProcess}
 * @param captureFile where an in-process gateway without an embedding program writes; null for the default
 * @param setAsideAfter refusals in a row before a message is set aside, 2-100
 */
public record UplinkConfig(String transport, Path captureFile, Integer setAsideAfter) {

  /** The {@code transport} value for MQTT 3.1.1 over Paho. */
  public static final String MQTT = "mqtt";
  /** The {@code transport} value for MQTT 5 over Paho. */
  public static final String MQTT5 = "mqtt5";
  /** The {@code transport} value for the in-process uplink. */
  public static final String IN_PROCESS = "inProcess";

  public UplinkConfig {
    transport = transport == null ? MQTT : transport;
    if (!transport.equals(MQTT) && !transport.equals(MQTT5) && !transport.equals(IN_PROCESS)) {
      throw new ConfigException("transport", "must be '" + MQTT + "', '" + MQTT5 + "' or '" + IN_PROCESS + "', got '"
          + transport + "'");
    }
    setAsideAfter = ConfigException.requireRange("setAsideAfter", setAsideAfter == null ? 3 : setAsideAfter, 2, 100);
  }

  public static UplinkConfig defaults() {
    return new UplinkConfig(null, null, null);
  }

  /** True for MQTT 5. */
  public boolean mqtt5() {
    return transport.equals(MQTT5);
  }

  /** True for the in-process transport. */
  public boolean inProcess() {
    return transport.equals(IN_PROCESS);
  }
}
