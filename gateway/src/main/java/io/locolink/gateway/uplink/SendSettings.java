package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.config.UplinkConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the send policy needs to know, whatever the transport.
 *
 * @param telemetryQos QoS of telemetry frames (0 or 1); every other stream is QoS 1
 * @param bandwidthCapBytesPerS the backlog fills at most this with live data
 * @param reconnectInitialMs first pause after a failed or dropped session
 * @param reconnectMaxMs longest pause
 * @param statusIntervalS the retained status is refreshed this often while online
 * @param setAsideAfter a message refused (or followed by a dropped connection) this many times in
 *     a row is set aside
 * @param setAsideDir where set-aside messages are kept
 */
record SendSettings(int telemetryQos, long bandwidthCapBytesPerS, long reconnectInitialMs, long reconnectMaxMs,
    int statusIntervalS, int setAsideAfter, Path setAsideDir) {

  SendSettings {
    Objects.requireNonNull(setAsideDir, "setAsideDir");
  }

  static SendSettings of(MqttConfig mqtt, UplinkConfig uplink, Path setAsideDir) {
    return new SendSettings(mqtt.telemetryQos(), mqtt.bandwidthCapBytesPerS(), mqtt.reconnect().initialMs(),
        mqtt.reconnect().maxMs(), mqtt.statusIntervalS(), uplink.setAsideAfter(), setAsideDir);
  }
}
