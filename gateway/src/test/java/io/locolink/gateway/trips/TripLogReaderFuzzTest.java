package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.storage.CrashFs;
import io.locolink.gateway.storage.FileIo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The trip log reader fed noise and real logs with bytes overwritten: it never throws, reports the
 * intact prefix, and what it hands out before the damage is what was written.
 */
class TripLogReaderFuzzTest {

  static final Path FILE = Path.of("trips", "t.llt");
  static final List<byte[]> RECORDS = new ArrayList<>();
  static final byte[] LOG = log();

  private static byte[] log() {
    try {
      CrashFs fs = new CrashFs();
      fs.createDirectories(FILE.getParent());
      try (TripLogWriter w = TripLogWriter.open(fs, FILE, 1024, false)) {
        for (int i = 0; i < 40; i++) {
          byte[] r = new byte[10 + (i * 31) % 120];
          new Random(i).nextBytes(r);
          RECORDS.add(r);
          w.append(r);
        }
      }
      return fs.bytes(FILE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<byte[]> read(byte[] content) throws Exception {
    CrashFs fs = new CrashFs().withFile(FILE, content);
    List<byte[]> out = new ArrayList<>();
    try (FileIo.Handle h = fs.open(FILE, FileIo.OpenMode.READ_ONLY)) {
      TripLogReader.ScanResult scan = TripLogReader.read(h, out::add);
      assertTrue(scan.validBytes() <= content.length && scan.records() == out.size());
    }
    return out;
  }

  @Property(tries = 300)
  void noise(@ForAll @Size(max = 2048) byte[] bytes) throws Exception {
    read(bytes);
  }

  /** The kept log of coded telemetry frames (see {@code CodedTripLogTest}), as it is. */
  static final byte[] FRAMES_LOG = framesLog();
  static final List<byte[]> FRAMES = readUnchecked(FRAMES_LOG);

  private static byte[] framesLog() {
    try (java.io.InputStream in = TripLogReaderFuzzTest.class.getResourceAsStream("/trips/reference-pack-lzma2.llt")) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<byte[]> readUnchecked(byte[] content) {
    try {
      return read(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Damage in a log of LZMA2 chunks of coded frames: what reads before it is the frames as they were. */
  @Property(tries = 300)
  void damagedLogOfFrames(@ForAll @IntRange(min = 0, max = 100_000) int seed) throws Exception {
    assertIntactBeforeDamage(FRAMES_LOG, FRAMES, seed);
  }

  @Property(tries = 300)
  void damagedLog(@ForAll @IntRange(min = 0, max = 100_000) int seed) throws Exception {
    assertIntactBeforeDamage(LOG, RECORDS, seed);
  }

  /** Overwrites 1 to 16 bytes of {@code log} at a place {@code seed} picks; what reads back is a prefix of {@code written}. */
  private static void assertIntactBeforeDamage(byte[] log, List<byte[]> written, int seed) throws Exception {
    Random r = new Random(seed);
    byte[] damaged = log.clone();
    int at = r.nextInt(damaged.length);
    int n = 1 + r.nextInt(16);
    for (int i = 0; i < n && at + i < damaged.length; i++) {
      damaged[at + i] = (byte) r.nextInt(256);
    }
    List<byte[]> back = read(damaged);
    for (int i = 0; i < back.size(); i++) {
      assertArrayEquals(written.get(i), back.get(i), "record " + i + " before the damage at " + at);
    }
  }
}
