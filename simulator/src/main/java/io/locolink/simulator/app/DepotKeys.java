package io.locolink.simulator.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A fresh DTLS pre-shared key for the demo's depot server: the server's key file
 * ({@code identity:secret}) and the depot client's (just the secret), both readable by the owner only.
 */
final class DepotKeys {

  static final String IDENTITY = "demo-depot";

  private DepotKeys() {}

  /** Writes the server key file and its client twin next to it; returns the server file. */
  static Path write(Path serverFile) throws IOException {
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    writePrivate(serverFile, IDENTITY + ":" + secret + "\n");
    writePrivate(clientFile(serverFile), secret + "\n");
    return serverFile;
  }

  /** Where {@link #write} put the client's copy of the key. */
  static Path clientFile(Path serverFile) {
    return serverFile.resolveSibling(serverFile.getFileName() + ".client");
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
