package io.locolink.gateway.journal;

import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A small text file replaced atomically ({@link FileIo#replace(Path, byte[])}) and checked by a
 * CRC32C trailer on read, so a crash leaves either the old or the new content.
 */
final class DurableFile {

  private static final String TRAILER = "crc32c=";

  private DurableFile() {}

  /** Replaces {@code file} with {@code text}; returns the bytes written. */
  static int write(FileIo io, Path file, String text) throws IOException {
    byte[] bytes = (text + TRAILER + crcHex(text) + "\n").getBytes(StandardCharsets.UTF_8);
    io.replace(file, bytes);
    return bytes.length;
  }

  /** The content of {@code file} if it exists and its checksum holds. */
  static Optional<String> read(FileIo io, Path file) throws IOException {
    String all;
    try {
      all = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(io.readAll(file))).toString();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    }
    int t = all.lastIndexOf(TRAILER);
    if (t < 0) {
      return Optional.empty();
    }
    String text = all.substring(0, t);
    String crc = all.substring(t + TRAILER.length()).strip();
    return crc.equals(crcHex(text)) ? Optional.of(text) : Optional.empty();
  }

  private static String crcHex(String text) {
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
