package io.locolink.ground.station;

import io.locolink.gateway.config.ConfigException;
import io.locolink.ground.tools.MqttLogin;
import javax.net.SocketFactory;

/**
 * The station's log-in to the broker: TLS socket factory and user name and password from files.
 *
 * @param socketFactory null for the JDK default (or plain TCP)
 * @param username null for none
 * @param password null for none
 */
record BrokerCredentials(SocketFactory socketFactory, String username, byte[] password) {

  /** Reads the broker section's files. @throws ConfigException naming the problem */
  static BrokerCredentials of(StationConfig.Broker b) {
    try {
      MqttLogin login = MqttLogin.of(b.caFile(), b.clientCertFile(), b.clientKeyFile(), b.usernameFile(),
          b.passwordFile());
      return new BrokerCredentials(login.socketFactory(), login.username(), login.password());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("broker", e.getMessage());
    }
  }
}
