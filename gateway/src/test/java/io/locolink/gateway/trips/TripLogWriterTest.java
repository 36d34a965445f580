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
  void fileIsStandardMultiMemberGzipOfLengthPrefixedRecordsWithCrc32c() throws IOException {
    Path file = dir.resolve("g.llt");
    try (TripLogWriter w = TripLogWriter.open(file, 1024, true)) {
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
    Path file = dir.resolve("t.llt");
    long afterTwoBlocks;
    try (TripLogWriter w = TripLogWriter.open(file, 1 << 20, true)) {
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
      Path torn = dir.resolve("torn-" + cut + ".llt");
      Files.write(torn, java.util.Arrays.copyOf(original, (int) cut));
      try (TripLogWriter w = TripLogWriter.open(torn, 1 << 20, true)) {
        assertEquals(afterTwoBlocks, w.sizeBytes(), "cut at " + cut);
        w.append(record(99));
      }
      List<byte[]> back = readAll(torn);
      assertEquals(21, back.size(), "cut at " + cut);
      try (TripLogWriter again = TripLogWriter.open(torn, 1 << 20, true)) {
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
}
