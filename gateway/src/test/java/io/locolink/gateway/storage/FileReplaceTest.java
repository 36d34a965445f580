package io.locolink.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileIo#replace(Path, byte[])}, the gateway's one atomic file replace: a power cut at any
 * point of it leaves the old content or the new one, never a mix, an empty file or a lost file.
 */
class FileReplaceTest {

  private static final Path DIR = Path.of("state");
  private static final Path FILE = DIR.resolve("trip.meta");
  private static final byte[] OLD = "start=2026-01-20T06:00:00Z\nend=2026-01-20T07:00:00Z\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEW = "start=2026-01-20T06:00:00Z\nend=2026-01-20T08:30:00Z\nsha256=ab\n"
      .getBytes(StandardCharsets.UTF_8);

  @Test
  void aPowerCutAtAnyPointLeavesTheOldOrTheNewContent() throws Exception {
    CrashFs start = new CrashFs();
    start.createDirectories(DIR);
    CrashFs fs = start.withFile(FILE, OLD)
        // a temporary left behind by an earlier cut, longer than the new content
        .withFile(DIR.resolve("trip.meta.tmp"), new byte[200]);
    int before = fs.eventCount();
    fs.replace(FILE, NEW);
    assertArrayEquals(NEW, fs.bytes(FILE));
    assertTrue(!fs.exists(DIR.resolve("trip.meta.tmp")), "the temporary is renamed away");
    int images = 0;
    for (int cut = before; cut <= fs.eventCount(); cut++) {
      for (CrashFs.Loss loss : CrashFs.Loss.values()) {
        assertOldOrNew(fs.image(cut, loss).bytes(FILE), "cut before event " + cut + ", " + loss);
        images++;
      }
      if (cut > before && fs.events().get(cut - 1) instanceof CrashFs.Write w) {
        for (int kept = 0; kept < w.bytes().length; kept++) {
          assertOldOrNew(fs.tornImage(cut, kept).bytes(FILE), "torn write, " + kept + " bytes kept");
          images++;
        }
      }
    }
    assertTrue(images > 3 * 4, "every cut point was tried: " + images);
  }

  @Test
  void onTheRealFileSystemTheFileHoldsExactlyTheNewContent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("collected");
    Files.write(file, new byte[500]);
    FileIo.SYSTEM.replace(file, NEW);
    assertArrayEquals(NEW, Files.readAllBytes(file));
    assertEquals(1, Files.list(dir).count(), "no temporary left beside it");
  }

  private static void assertOldOrNew(byte[] content, String when) {
    assertTrue(Arrays.equals(OLD, content) || Arrays.equals(NEW, content),
        when + ": " + new String(content, StandardCharsets.UTF_8));
  }
}
