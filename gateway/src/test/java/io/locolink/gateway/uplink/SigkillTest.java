package io.locolink.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.framing.StreamKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway killed with SIGKILL at random moments and restarted: nothing appended is lost. */
class SigkillTest {

  /** Each child syncs this many records before its random kill, so four children sync more than 100. */
  private static final int SYNCED_BEFORE_KILL = 30;

  @TempDir Path dir;

  record Line(long bootId, String tag, StreamKind kind, long sequence) {}

  @Test
  void killedAtRandomMomentsLosesNothingAppendedAndTheSequenceContinues() throws Exception {
    SplittableRandom random = new SplittableRandom(20261125);
    Path journalDir = dir.resolve("journal");
    List<List<Line>> boots = new ArrayList<>();
    try (UplinkFixture f = new UplinkFixture(journalDir)) {
      for (int boot = 1; boot <= 4; boot++) {
        long bootId = 1000 + boot;
        List<Line> lines = new CopyOnWriteArrayList<>();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), CrashingGateway.class.getName(),
            journalDir.toString(), f.broker.url(), Long.toString(bootId))
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(child, bootId, lines, ready));
        reader.start();
        assertTrue(ready.await(30, TimeUnit.SECONDS), "child gateway " + boot + " started");
        // a loaded machine may take longer than the random delay to append and sync at all
        awaitSynced(lines, boot, SYNCED_BEFORE_KILL);
        Thread.sleep(200 + random.nextInt(800));
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        reader.join(5000);
        boots.add(lines);
      }
      for (int b = 1; b < boots.size(); b++) {
        long before = boots.get(b - 1).stream().mapToLong(Line::sequence).max().orElseThrow();
        long first = boots.get(b).stream().mapToLong(Line::sequence).min().orElseThrow();
        assertTrue(first > before, "boot " + (b + 1) + " starts at " + first + ", after " + before);
      }

      // a last, clean start sends whatever is still held
      f.openJournal(new JournalConfig(200, null, 65_536L, null, 200));
      f.startUplink(UplinkFixture.mqtt(f.broker.url(), 1_000_000));
      f.awaitDrained(Duration.ofSeconds(30));
      Set<UplinkFixture.Sent> got = f.receivedIdentities();
      // a process crash loses nothing append returned for, synced or not (only a power cut may lose the sync window)
      List<UplinkFixture.Sent> lost = boots.stream().flatMap(List::stream).filter(l -> l.tag().equals("A"))
          .map(l -> new UplinkFixture.Sent(l.kind(), l.bootId(), l.sequence())).filter(s -> !got.contains(s)).toList();
      long appended = boots.stream().flatMap(List::stream).filter(l -> l.tag().equals("A")).count();
      long synced = boots.stream().flatMap(List::stream).filter(l -> l.tag().equals("S")).count();
      assertTrue(synced > 100, "the children synced " + synced + " records");
      assertTrue(appended > synced, "some of the " + appended + " appended records were not yet synced when killed");
      assertEquals(List.of(), lost, "appended records missing on the ground");
    }
  }

  private static void awaitSynced(List<Line> lines, int boot, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (lines.stream().filter(l -> l.tag().equals("S")).count() < count) {
      assertTrue(System.nanoTime() < deadline, "child gateway " + boot + " synced " + count + " records within 90 s");
      Thread.sleep(10);
    }
  }

  private static void read(Process child, long bootId, List<Line> lines, CountDownLatch ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("READY")) {
          ready.countDown();
        } else if (line.startsWith("A ") || line.startsWith("S ")) {
          String[] p = line.split(" ");
          if (p.length == 3 && p[2].matches("\\d+")) {
            lines.add(new Line(bootId, p[0], StreamKind.valueOf(p[1]), Long.parseLong(p[2])));
          }
        }
      }
    } catch (java.io.IOException e) {
      // the child was killed
    }
  }
}
