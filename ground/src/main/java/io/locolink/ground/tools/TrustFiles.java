package io.locolink.ground.tools;

import io.locolink.gateway.config.PemFiles;
import java.nio.file.Path;
import javax.net.ssl.SSLSocketFactory;

/** TLS trust for ground tools: a socket factory that trusts the CA certificates of one PEM file. */
public final class TrustFiles {

  private TrustFiles() {}

  /**
   * A TLS socket factory trusting exactly the certificates of {@code caPem}; read by the one PEM
   * loader, {@link PemFiles}.
   *
   * @throws io.locolink.gateway.config.ConfigException if the file is missing, unreadable or holds no certificate
   */
  public static SSLSocketFactory socketFactory(Path caPem) {
    return PemFiles.trustingSocketFactory("caFile", caPem);
  }
}
