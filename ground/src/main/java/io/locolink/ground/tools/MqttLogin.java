package io.locolink.ground.tools;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.PemFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a ground client logs in to the broker: TLS trust (a PEM CA file, or the JDK's trust store),
 * an optional client certificate (PEM certificate chain and PKCS#8 PEM key), and an optional user
 * name and password read from files only their owner may read. Secrets are never logged; errors
 * name the file, never its content.
 *
 * @param socketFactory for {@code ssl://} URLs; null for the JDK's default (or plain TCP)
 * @param username null for none
 * @param password null for none
 */
public record MqttLogin(SSLSocketFactory socketFactory, String username, byte[] password) {

  /** No TLS settings of its own, no credentials. */
  public static final MqttLogin NONE = new MqttLogin(null, null, null);

  /**
   * Reads the files; any may be null.
   *
   * @throws IllegalArgumentException if a file is unreadable, not PEM, or a secret file is readable by others,
   *     or a certificate comes without its key (or a password without a user name)
   */
  public static MqttLogin of(Path caFile, Path certFile, Path keyFile, Path usernameFile, Path passwordFile) {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("a client certificate file and its key file must be given together");
    }
    if (passwordFile != null && usernameFile == null) {
      throw new IllegalArgumentException("a password file needs a user name file");
    }
    try {
      SSLSocketFactory tls = caFile == null && certFile == null ? null : tls(caFile, certFile, keyFile);
      String user = usernameFile == null ? null : new String(secret(usernameFile), StandardCharsets.UTF_8).strip();
      byte[] password = passwordFile == null ? null : new String(secret(passwordFile), StandardCharsets.UTF_8)
          .stripTrailing().getBytes(StandardCharsets.UTF_8);
      return new MqttLogin(tls, user, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static SSLSocketFactory tls(Path caFile, Path certFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    TrustManagerFactory tmf = pem(() -> PemFiles.trust("caFile", caFile));
    KeyManagerFactory kmf = null;
    if (certFile != null) {
      KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
      keys.load(null, null);
      char[] none = new char[0];
      Certificate[] chain = pem(() -> PemFiles.certificates("clientCertFile", certFile)).toArray(new Certificate[0]);
      keys.setKeyEntry("client", privateKey(keyFile), none, chain);
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, none);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  /** What the gateway's PEM loader read; its error, naming the file, as this class's. */
  private static <T> T pem(Supplier<T> load) {
    try {
      return load.get();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    byte[] pem = secret(file);
    return pem(() -> PemFiles.privateKey("clientKeyFile", file, pem));
  }

  /** A file's bytes, after checking that only its owner may read it. */
  private static byte[] secret(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("secret file " + file + " does not exist");
    }
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null) {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new IOException("secret file " + file + " is readable by group or others; restrict it: chmod 600 " + file);
      }
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String toString() {  // never the secrets
    return "MqttLogin[tls=" + (socketFactory != null) + ", user=" + (username != null) + "]";
  }
}
