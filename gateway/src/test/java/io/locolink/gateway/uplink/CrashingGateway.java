package io.locolink.gateway.uplink;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.framing.StreamKind;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A gateway stand-in for the SIGKILL test, run in its own JVM: appends synthetic telemetry and
 * energy records while the uplink publishes them, and prints on stdout, line by line,
 * "A kind seq" for every record appended and "S kind seq" once the record is synced (energy: when
 * append returns; telemetry: after an explicit sync). The test kills it at a random moment.
 *
 * <p>Arguments: journal directory, broker url, boot id.
 */
public final class CrashingGateway {

  private CrashingGateway() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long bootId = Long.parseLong(args[2]);
    JournalConfig cfg = new JournalConfig(200, null, 65_536L, null, 200);
    Journal journal = Journal.open(dir, cfg, InstantSource.system());
    Uplink uplink = Uplinks.mqtt(UplinkFixture.mqtt(args[1], 1_000_000), UplinkFixture.LOCO, journal,
        ProtoStatusEncoder.of(UplinkFixture.LOCO, bootId), InstantSource.system(), new SplittableRandom(bootId));
    uplink.start();
    System.out.println("READY");
    List<Long> unsynced = new ArrayList<>();
    for (int i = 0; ; i++) {
      long seq = journal.nextSequence();
      StreamKind kind = i % 5 == 0 ? StreamKind.ENERGY : StreamKind.TELEMETRY;
      journal.append(kind, seq, Synthetic.message(kind, UplinkFixture.LOCO, bootId, seq, System.currentTimeMillis(), 20));
      System.out.println("A " + kind + " " + seq);
      if (kind.precious()) {
        System.out.println("S " + kind + " " + seq);
      } else {
        unsynced.add(seq);
      }
      if (i % 20 == 19) {
        journal.sync();
        for (long s : unsynced) {
          System.out.println("S TELEMETRY " + s);
        }
        unsynced.clear();
      }
      System.out.flush();
      Thread.sleep(1);
    }
  }
}
