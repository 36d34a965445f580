package io.locolink.gateway.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads the cursor file's slots as its format is documented (two 2048-byte slots: "LLC2",
 * generation, length, UTF-8 text, CRC32C over the rest; the valid slot with the higher generation
 * wins), independently of the journal's own reader.
 */
final class CursorSlots {

  private CursorSlots() {}

  /** The newest valid slot's text; "" when neither slot is valid. */
  static String newestText(byte[] file) {
    String best = "";
    long bestGeneration = -1;
    for (int at = 0; at + 20 <= Math.min(file.length, 4096); at += 2048) {
      ByteBuffer b = ByteBuffer.wrap(file, at, Math.min(2048, file.length - at));
      if (b.getInt() != 0x4c4c4332) {
        continue;
      }
      long generation = b.getLong();
      int length = b.getInt();
      if (length < 0 || at + 16 + length + 4 > file.length) {
        continue;
      }
      CRC32C crc = new CRC32C();
      crc.update(file, at, 16 + length);
      int stored = ByteBuffer.wrap(file, at + 16 + length, 4).getInt();
      if (stored == (int) crc.getValue() && generation > bestGeneration) {
        best = new String(file, at + 16, length, StandardCharsets.UTF_8);
        bestGeneration = generation;
      }
    }
    return best;
  }
}
