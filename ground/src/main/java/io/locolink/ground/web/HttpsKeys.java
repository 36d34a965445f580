package io.locolink.ground.web;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;

/**
 * The dashboard's HTTPS identity from PEM files: a certificate chain (server first) and its
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}, RSA, EC or Ed25519), both
 * read with the gateway's {@code PemFiles}, as an in-memory key store for Jetty.
 */
final class HttpsKeys {

  static final char[] STORE_PASSWORD = "in-memory".toCharArray();

  private HttpsKeys() {}

  /**
   * Loads the pair.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static KeyStore load(Path certFile, Path keyFile) {
    List<Certificate> chain;
    try {
      chain = PemFiles.certificates("web.certFile", certFile);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    PrivateKey key = privateKey(keyFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("dashboard", key, STORE_PASSWORD, chain.toArray(Certificate[]::new));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("the key " + keyFile + " does not fit the certificate " + certFile + ": "
          + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    byte[] pem;
    try {
      pem = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key " + file + ": " + e.getMessage(), e);
    }
    try {
      return PemFiles.privateKey("web.keyFile", file, pem);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
