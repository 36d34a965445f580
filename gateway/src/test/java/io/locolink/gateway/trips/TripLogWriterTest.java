package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripLogWriterTest {

  @TempDir Path dir;

  private static byte[] record(int i) {
    byte[] b = new byte[50 + (i * 37) % 400];
    new Random(i).nextBytes(b);
    b[0] = (byte) i;
    return b;
  }

  private List<byte[]> readAll(Path file) {
    List<byte[]> out = new ArrayList<>();
    TripLogReader.read(file, out::add);
    return out;
  }

  @Test
  void recordsComeBackInOrderAcrossBlocks() {
    Path file = dir.resolve("a.llt");
    try (TripLogWriter w = TripLogWriter.open(file, 4096, true)) {
      for (int i = 0; i < 100; i++) {
        w.append(record(i));
        if (w.pendingBytes() >= 4096) {
          w.flushBlock();
        }
      }
    }
    List<byte[]> back = readAll(file);
    assertEquals(100, back.size());
    for (int i = 0; i < 100; i++) {
      assertArrayEquals(record(i), back.get(i));
    }
    TripLogReader.ScanResult scan = TripLogReader.read(file, r -> { });
    assertTrue(scan.blocks() > 3, "several blocks were written");
    assertFalse(scan.tornTail());
  }

  @Test
  void deflateStreamedFileIsStandardMultiMemberGzipOfLengthPrefixedRecordsWithCrc32c() throws IOException {
    Path file = dir.resolve("g.llt");
    try (TripLogWriter w = TripLogWriter.open(file, 1024, true, TripLogWriter.Format.DEFLATE_STREAMED)) {
      for (int i = 0; i < 20; i++) {
        w.append(record(i));
        w.flushBlock();
      }
    }
    // RFC 1952: a gzip file may hold several members; java.util.zip reads them all in sequence.
    byte[] plain;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      plain = in.readAllBytes();
    }
    int pos = 0;
    int n = 0;
    while (pos < plain.length) {
      int len = 0;
      int shift = 0;
      int b;
      do {
        b = plain[pos++] & 0xff;
        len |= (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      byte[] payload = java.util.Arrays.copyOfRange(plain, pos, pos + len);
      pos += len;
      CRC32C crc = new CRC32C();
      crc.update(payload);
      int stored = (plain[pos] & 0xff) | (plain[pos + 1] & 0xff) << 8 | (plain[pos + 2] & 0xff) << 16
          | (plain[pos + 3] & 0xff) << 24;
      pos += 4;
      assertEquals((int) crc.getValue(), stored, "CRC32C of record " + n);
      assertArrayEquals(record(n), payload);
      n++;
    }
    assertEquals(20, n);
  }

  /**
   * The layout of an LZMA2 member as {@code Lzma2Members} documents it: magic, record coding 1,
   * dictionary size; then one raw LZMA2 stream (chunks, end marker), which a plain LZMA2 decoder
   * reads to the framed records, whose CRC32 and length the 8-byte trailer holds.
   */
  @Test
  void lzma2MemberIsARawLzma2StreamOfFramedRecordsBetweenHeaderAndTrailer() throws IOException {
    Path file = dir.resolve("x.llt");
    try (TripLogWriter w = TripLogWriter.open(file, 1 << 20, true)) {
      for (int i = 0; i < 12; i++) {
        w.append(record(i));
        if (i % 4 == 3) {
          w.flushBlock();
        }
      }
    }
    byte[] log = Files.readAllBytes(file);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(log).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertArrayEquals(new byte[] {'L', 'L', 'Z', 1, 1, 0}, java.util.Arrays.copyOf(log, 6));
    assertEquals(64 * 1024, b.getInt(6));
    byte[] plain;
    try (InputStream in = new org.tukaani.xz.LZMA2InputStream(
        new java.io.ByteArrayInputStream(log, 10, log.length - 10 - 8), 64 * 1024)) {
      plain = in.readAllBytes();
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(plain);
    assertEquals((int) crc.getValue(), b.getInt(log.length - 8));
    assertEquals(plain.length, b.getInt(log.length - 4));
    List<byte[]> coded = new ArrayList<>();
    io.locolink.gateway.framing.RecordFraming.readAll(plain, plain.length, coded::add);
    assertEquals(12, coded.size());
    for (int i = 0; i < 12; i++) {
      assertEquals(0, coded.get(i)[0], "not a telemetry frame: stored as it is");
      assertArrayEquals(record(i), java.util.Arrays.copyOfRange(coded.get(i), 1, coded.get(i).length));
    }
  }

  @Test
  void crashLosesOnlyTheUnflushedBlock() throws IOException {
    Path file = dir.resolve("c.llt");
    TripLogWriter w = TripLogWriter.open(file, 1 << 20, true);
    for (int i = 0; i < 30; i++) {
      w.append(record(i));
    }
    w.flushBlock();
    for (int i = 30; i < 40; i++) {
      w.append(record(i));
    }
    // Simulated power cut: the writer is never closed; copy what is on disk now.
    Path crashed = dir.resolve("crashed.llt");
    Files.copy(file, crashed);
    assertEquals(30, readAll(crashed).size());
  }

  @Test
  void tornTailIsCutOnReopenAtEveryCutPoint() throws IOException {
    // a deflate stream is finished by a final empty block with fixed codes (RFC 1951: 3 bits and a
    // 7-bit end code, 2 bytes) and the gzip trailer (8 bytes); an LZMA2 stream by its end marker (1
    // byte) and the trailer (8 bytes)
    tornTailIsCutOnReopenAtEveryCutPoint(TripLogWriter.Format.DEFLATE_STREAMED, 2 + 8);
    tornTailIsCutOnReopenAtEveryCutPoint(TripLogWriter.Format.LZMA2_MODELLED, 1 + 8);
  }

  private void tornTailIsCutOnReopenAtEveryCutPoint(TripLogWriter.Format format, int finishing) throws IOException {
    Path file = dir.resolve("t-" + format + ".llt");
    long afterTwoBlocks;
    try (TripLogWriter w = TripLogWriter.open(file, 1 << 20, true, format)) {
      for (int i = 0; i < 10; i++) {
        w.append(record(i));
      }
      w.flushBlock();
      for (int i = 10; i < 20; i++) {
        w.append(record(i));
      }
      w.flushBlock();
      afterTwoBlocks = w.sizeBytes();
      for (int i = 20; i < 30; i++) {
        w.append(record(i));
      }
    }
    long full = Files.size(file);
    byte[] original = Files.readAllBytes(file);
    for (long cut = afterTwoBlocks + 1; cut < full; cut += 97) {
      Path torn = dir.resolve("torn-" + format + "-" + cut + ".llt");
      Files.write(torn, java.util.Arrays.copyOf(original, (int) cut));
      try (TripLogWriter w = TripLogWriter.open(torn, 1 << 20, true, format)) {
        // cut back to the second flush, and the member finished there
        assertEquals(afterTwoBlocks + finishing, w.sizeBytes(), format + ", cut at " + cut);
        w.append(record(99));
      }
      List<byte[]> back = readAll(torn);
      assertEquals(21, back.size(), "cut at " + cut);
      try (TripLogWriter again = TripLogWriter.open(torn, 1 << 20, true, format)) {
        assertEquals(TripStore.sha256(torn), again.sha256Hex(), "running digest covers the intact prefix");
      }
      assertArrayEquals(record(99), back.get(20));
    }
  }

  @Test
  void garbageAndFlippedBitsAfterGoodBlocksAreDetected() throws IOException {
    Path file = dir.resolve("f.llt");
    try (TripLogWriter w = TripLogWriter.open(file, 1 << 20, true)) {
      for (int i = 0; i < 10; i++) {
        w.append(record(i));
      }
      w.flushBlock();
      for (int i = 10; i < 20; i++) {
        w.append(record(i));
      }
    }
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(size - 12);
      int b = raf.read();
      raf.seek(size - 12);
      raf.write(b ^ 0x10);
    }
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
    TripLogReader.ScanResult scan = TripLogReader.read(file, r -> { });
    assertEquals(10, scan.records());
    assertTrue(scan.tornTail());
  }

  @Test
  void compressesRepetitiveTelemetryWell() {
    Path file = dir.resolve("z.llt");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    Random random = new Random(1);
    try (TripLogWriter w = TripLogWriter.open(file, 65536, false)) {
      for (int i = 0; i < 2000; i++) {
        byte[] r = io.locolink.gateway.framing.LogRecordCodec.wrap(io.locolink.gateway.framing.StreamKind.TELEMETRY,
            io.locolink.testing.SyntheticTrip.frame(i, java.time.Instant.ofEpochSecond(1_800_000_000L + i),
            new io.locolink.testing.SyntheticTrip.State(true, 20, 700, 100, 50, 25, 80, 70), 1000 + i * 5, random)
            .toByteArray());
        raw.writeBytes(r);
        w.append(r);
        if (w.pendingBytes() >= 65536) {
          w.flushBlock();
        }
      }
      w.close();
      assertTrue(w.sizeBytes() * 3 < raw.size(), "log " + w.sizeBytes() + " vs raw " + raw.size());
    }
  }

  /**
   * A log as versions before streamed members wrote it: every flush a gzip member of its own whose
   * FEXTRA 'LL' field holds the deflate length, built here from the documented layout.
   */
  private static byte[] earlierBlock(List<byte[]> records) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (byte[] r : records) {
      int len = r.length;
      while (len >= 0x80) {
        plain.write((len & 0x7f) | 0x80);
        len >>>= 7;
      }
      plain.write(len);
      plain.writeBytes(r);
      CRC32C crc = new CRC32C();
      crc.update(r);
      int c = (int) crc.getValue();
      plain.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24)});
    }
    byte[] data = plain.toByteArray();
    java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
    d.setInput(data);
    d.finish();
    byte[] deflated = new byte[data.length * 2 + 64];
    int n = d.deflate(deflated);
    d.end();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 + n + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff}).putShort((short) 8)
        .put((byte) 'L').put((byte) 'L').putShort((short) 4).putInt(n).put(deflated, 0, n);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    b.putInt((int) crc.getValue()).putInt(data.length);
    return b.array();
  }

  @Test
  void logsOfEarlierVersionsStillReadAndGrowInTheCurrentFormat() throws IOException {
    Path file = dir.resolve("old.llt");
    ByteArrayOutputStream old = new ByteArrayOutputStream();
    old.writeBytes(earlierBlock(List.of(record(0), record(1), record(2))));
    old.writeBytes(earlierBlock(List.of(record(3), record(4))));
    Files.write(file, old.toByteArray());
    assertEquals(5, readAll(file).size());
    long deflated;
    try (TripLogWriter w = TripLogWriter.open(file, 1 << 20, true, TripLogWriter.Format.DEFLATE_STREAMED)) {
      assertEquals(old.size(), w.sizeBytes(), "nothing of the earlier blocks is cut");
      for (int i = 5; i < 9; i++) {
        w.append(record(i));
        w.flushBlock();
      }
    }
    deflated = Files.size(file);
    byte[] plain;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      plain = in.readAllBytes();
    }
    assertTrue(plain.length > 9 * 50, "gzip reads the earlier blocks and the streamed member after them");
    try (TripLogWriter w = TripLogWriter.open(file, 1 << 20, true)) {
      assertEquals(deflated, w.sizeBytes(), "nothing of the deflate members is cut");
      for (int i = 9; i < 13; i++) {
        w.append(record(i));
        w.flushBlock();
      }
    }
    List<byte[]> back = readAll(file);
    assertEquals(13, back.size());
    for (int i = 0; i < 13; i++) {
      assertArrayEquals(record(i), back.get(i), "record " + i);
    }
  }

  @Test
  void smallFlushesOfOneStreamedMemberCompressAboutAsWellAsOneBlock() throws IOException {
    Random random = new Random(3);
    List<byte[]> recs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {  // 10 minutes of 1 s frames
      recs.add(io.locolink.gateway.framing.LogRecordCodec.wrap(io.locolink.gateway.framing.StreamKind.TELEMETRY,
          io.locolink.testing.SyntheticTrip.frame(i, java.time.Instant.ofEpochSecond(1_800_000_000L + i),
          new io.locolink.testing.SyntheticTrip.State(true, 20, 700, 100, 50, 25, 80, 70), 1000 + i * 5, random)
          .toByteArray()));
    }
    long[] sizes = new long[3];
    for (int variant = 0; variant < 3; variant++) {
      Path file = dir.resolve("v" + variant + ".llt");
      try (TripLogWriter w = TripLogWriter.open(file, 65536, false,
          variant == 1 ? TripLogWriter.Format.DEFLATE_BLOCKS : TripLogWriter.Format.DEFLATE_STREAMED)) {
        for (int i = 0; i < recs.size(); i++) {
          w.append(recs.get(i));
          if (variant < 2 && i % 5 == 4) {  // a flush every 5 s, streamed (0) or as blocks of their own (1)
            w.flushBlock();
          }
        }
      }
      sizes[variant] = Files.size(file);
      assertEquals(600, readAll(file).size());
    }
    assertTrue(sizes[0] * 10 < sizes[1] * 9, "streamed flushes " + sizes[0] + " B, separate blocks " + sizes[1] + " B");
    assertTrue(sizes[0] * 10 < sizes[2] * 12, "streamed flushes " + sizes[0] + " B, 64 KiB flushes " + sizes[2] + " B");
  }
}
