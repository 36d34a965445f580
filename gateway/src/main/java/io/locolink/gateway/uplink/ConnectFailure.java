package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** A connection attempt failed; says why in terms an operator can act on. */
public final class ConnectFailure extends Exception {

  private final LinkFault fault;

  private ConnectFailure(LinkFault fault, String detail, Throwable cause) {
    super(detail, cause);
    this.fault = fault;
  }

  LinkFault fault() {
    return fault;
  }

  String detail() {
    return getMessage();
  }

  /** The attempt was stopped because the uplink is closing. */
  static ConnectFailure aborted(String url) {
    return new ConnectFailure(LinkFault.OTHER, "connect to " + url + " aborted: the uplink is closing", null);
  }

  /** Sorts a Paho failure into a {@link LinkFault} with a message naming the config key to check. */
  static ConnectFailure classify(MqttException e, MqttConfig cfg) {
    return classify(e.getReasonCode(), e, cfg);
  }

  /**
   * Sorts a failure of either Paho client by its reason code: MQTT 3.1.1 return codes 4, 5 and 2 and
   * MQTT 5 CONNACK reason codes 0x86, 0x87 and 0x85 are refusals of the credentials or identity;
   * Paho's own codes (32000, 32103, 32109) are the same in both clients.
   */
  static ConnectFailure classify(int code, Exception e, MqttConfig cfg) {
    if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION || code == MqttException.REASON_CODE_NOT_AUTHORIZED
        || code == MqttException.REASON_CODE_INVALID_CLIENT_ID || code == 0x86 || code == 0x87 || code == 0x85) {
      return new ConnectFailure(LinkFault.AUTH_REFUSED, "the broker refused the connection (" + e.getMessage()
          + "): check mqtt.usernameFile / mqtt.passwordFile / client certificate; data stays in the journal", e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new ConnectFailure(LinkFault.TLS_REJECTED, "TLS handshake with " + cfg.url() + " failed: " + t.getMessage()
            + (cfg.caFile() == null ? "" : " (is the broker's certificate issued by the CA in mqtt.caFile "
            + cfg.caFile() + "?)") + "; data stays in the journal", e);
      }
    }
    if (code == MqttException.REASON_CODE_SERVER_CONNECT_ERROR || code == MqttException.REASON_CODE_CLIENT_TIMEOUT
        || code == MqttException.REASON_CODE_CONNECTION_LOST) {
      return new ConnectFailure(LinkFault.UNREACHABLE, "broker " + cfg.url() + " unreachable: " + describe(e), e);
    }
    return new ConnectFailure(LinkFault.OTHER, "connect to " + cfg.url() + " failed: " + describe(e), e);
  }

  /** The message of a failure and its root cause, for a log line. */
  public static String describe(Throwable t) {
    if (t == null) {
      return "unknown cause";
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root + ")";
  }
}
