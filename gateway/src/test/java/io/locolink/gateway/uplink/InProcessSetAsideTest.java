package io.locolink.gateway.uplink;

import static io.locolink.gateway.uplink.UplinkFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.UplinkConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.journal.Journal;
import io.locolink.proto.v1.EnergyRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared send policy in process: a consumer that keeps refusing one record has it set aside. */
class InProcessSetAsideTest {

  @TempDir Path dir;

  @Test
  void aRecordRefusedThreeTimesInARowIsSetAsideAndTheOthersArrive() throws Exception {
    try (Journal j = Journal.open(dir.resolve("journal"), JournalConfig.defaults(), InstantSource.system())) {
      List<Long> delivered = new CopyOnWriteArrayList<>();
      AtomicInteger refusals = new AtomicInteger();
      long[] poison = new long[1];
      try (Uplink up = Uplinks.inProcess(j, "T1", d -> {
        long seq = header(d.payload());
        if (seq == poison[0]) {
          refusals.incrementAndGet();
          throw new IllegalStateException("consumer refuses " + seq);
        }
        delivered.add(seq);
      }, InstantSource.system(), new UplinkConfig(null, null, 3), dir.resolve("set-aside"))) {
        up.start();
        long first = append(j);
        poison[0] = j.nextSequence();
        j.append(StreamKind.ENERGY, poison[0], Synthetic.message(StreamKind.ENERGY, "T1", 1, poison[0], 0, 0));
        long last = append(j);
        await("set aside", Duration.ofSeconds(20), () -> up.setAsideCount() == 1);
        await("journal empty", Duration.ofSeconds(20), () -> j.stats().queueDepthRecords() == 0);
        assertEquals(3, refusals.get(), "offered exactly setAsideAfter times");
        assertEquals(List.of(first, last), delivered.stream().sorted().toList());
      }
      Path kept = dir.resolve("set-aside").resolve("energy-" + poison[0] + ".msg");
      assertEquals(poison[0], EnergyRecord.parseFrom(Files.readAllBytes(kept)).getHeader().getSequence());
      String reason = Files.readString(dir.resolve("set-aside").resolve("energy-" + poison[0] + ".reason"));
      assertTrue(reason.contains("consumer refuses " + poison[0]), reason);
    }
  }

  private static long append(Journal j) throws Exception {
    long seq = j.nextSequence();
    j.append(StreamKind.ENERGY, seq, Synthetic.message(StreamKind.ENERGY, "T1", 1, seq, 0, 0));
    return seq;
  }

  private static long header(byte[] payload) {
    try {
      return EnergyRecord.parseFrom(payload).getHeader().getSequence();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
