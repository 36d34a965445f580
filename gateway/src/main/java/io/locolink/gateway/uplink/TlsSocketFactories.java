package io.locolink.gateway.uplink;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.config.PemFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory for the uplink from PEM files with the JDK alone: the CA
 * certificate(s) the broker must chain to, and optionally a client certificate chain with its
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}; convert others with
 * {@code openssl pkcs8 -topk8 -nocrypt}).
 */
final class TlsSocketFactories {

  private static final char[] NO_PASSWORD = new char[0];

  private TlsSocketFactories() {}

  /** @throws ConfigException naming the key whose file is missing, unreadable or not PEM */
  static SSLSocketFactory create(MqttConfig cfg) {
    try {
      TrustManagerFactory tmf = PemFiles.trust("caFile", cfg.caFile());
      KeyManagerFactory kmf = null;
      if (cfg.clientCertFile() != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        List<Certificate> chain = PemFiles.certificates("clientCertFile", cfg.clientCertFile());
        keys.setKeyEntry("client", privateKey(cfg.clientKeyFile()), NO_PASSWORD, chain.toArray(Certificate[]::new));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, NO_PASSWORD);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("caFile", "cannot set up TLS: " + e.getMessage());
    }
  }

  static PrivateKey privateKey(Path file) {
    return PemFiles.privateKey("clientKeyFile", file, SecretFile.readBytes("clientKeyFile", file));
  }

}
