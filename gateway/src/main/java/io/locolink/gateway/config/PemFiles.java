package io.locolink.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEM certificate files named by configuration or by a command-line option: the X.509
 * certificates they hold, and trust in the CA certificates of one file. The one PEM CA loader for
 * the gateway's uplink and the ground tools. Errors name the key (or option) and the file.
 */
public final class PemFiles {

  private PemFiles() {}

  /**
   * Every X.509 certificate in a PEM file, in file order.
   *
   * @param key the configuration key or option that named the file, for the error message
   * @throws ConfigException if the file is missing, unreadable, not PEM or holds no certificate
   */
  public static List<Certificate> certificates(String key, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new ConfigException(key, "no PEM certificate in " + file);
      }
      return certs;
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new ConfigException(key, "not a PEM X.509 certificate file: " + file + " (" + e.getMessage() + ")");
    }
  }

  /**
   * Trust managers that accept exactly the CA certificates of {@code caFile}, or the JDK's default
   * trust store when {@code caFile} is null.
   *
   * @throws ConfigException as {@link #certificates}
   */
  public static TrustManagerFactory trust(String key, Path caFile) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caFile == null) {
        tmf.init((KeyStore) null);
        return tmf;
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      List<Certificate> cas = certificates(key, caFile);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      tmf.init(store);
      return tmf;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(key, "cannot set up TLS trust: " + e.getMessage());
    }
  }

  /**
   * A TLS client socket factory that trusts the CA certificates of {@code caFile} (no client
   * certificate).
   *
   * @throws ConfigException as {@link #certificates}
   */
  public static SSLSocketFactory trustingSocketFactory(String key, Path caFile) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust(key, caFile).getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new ConfigException(key, "cannot set up TLS: " + e.getMessage());
    }
  }
}
