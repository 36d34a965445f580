package io.locolink.ground.station;

import io.locolink.gateway.config.ConfigException;
import javax.net.SocketFactory;

/**
 * The station's log-in to the broker: TLS socket factory and user name and password from files.
 *
 * @param socketFactory null for the JDK default (or plain TCP)
 * @param username null for none
 * @param password null for none
 */
record BrokerCredentials(SocketFactory socketFactory, String username, byte[] password) {

  static BrokerCredentials of(StationConfig.Broker b) {
    if (b.caFile() != null || b.clientCertFile() != null || b.usernameFile() != null) {
      throw new ConfigException("broker", "TLS files and credentials are not read yet by this version");
    }
    return new BrokerCredentials(null, null, null);
  }
}
