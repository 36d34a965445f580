package io.locolink.gateway.uplink;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.MqttConfig;

/**
 * Reads every file the {@code mqtt} section names exactly as the uplink will when it connects
 * (credentials, CA, client certificate and key), so {@code locolink gateway --check} finds a bad
 * file before the service starts. Stateless.
 */
public final class UplinkFiles {

  private UplinkFiles() {}

  /**
   * Reads and parses the files; returns once all are usable.
   *
   * @throws ConfigException naming the key of the first file that is missing, too open, owned by
   *     another user or not what it should be
   */
  public static void verify(MqttConfig cfg) {
    if (cfg.usernameFile() != null && SecretFile.readText("usernameFile", cfg.usernameFile()).isEmpty()) {
      throw new ConfigException("usernameFile", cfg.usernameFile() + " is empty");
    }
    if (cfg.passwordFile() != null && SecretFile.readText("passwordFile", cfg.passwordFile()).isEmpty()) {
      throw new ConfigException("passwordFile", cfg.passwordFile() + " is empty");
    }
    if (cfg.tls() || cfg.caFile() != null || cfg.clientCertFile() != null) {
      TlsSocketFactories.create(cfg);
    }
  }
}
