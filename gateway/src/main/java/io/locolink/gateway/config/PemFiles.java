package io.locolink.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEM certificate files named by configuration or by a command-line option: the X.509
 * certificates they hold, trust in the CA certificates of one file, and a PKCS#8 private key. The
 * one PEM loader for the gateway's uplink, the ground tools and the dashboard's HTTPS. Errors name the key (or option) and the file.
 */
public final class PemFiles {

  private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";

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

  /**
   * The unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}) of a PEM file the
   * caller has read (its own way: a secret file's permissions are the caller's to check); RSA, EC
   * or Ed25519.
   *
   * @param key the configuration key or option that named the file, for the error message
   * @param file the file, for the error message
   * @param pem the file's content
   * @throws ConfigException if it holds no such key, saying how to convert one
   */
  public static PrivateKey privateKey(String key, Path file, byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf(BEGIN_KEY);
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new ConfigException(key, file + " is not an unencrypted PKCS#8 PEM key (" + BEGIN_KEY + ");"
          + " convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out " + file);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN_KEY.length(), end));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, file + " holds a PEM key that is not base64: " + e.getMessage());
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException tryNext) {
        // not this algorithm
      }
    }
    throw new ConfigException(key, file + " holds a PKCS#8 key of an unsupported algorithm (RSA, EC, Ed25519 work)");
  }
}
