package io.locolink.gateway.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.testing.SyntheticTrip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The energy archive: retention by whole UTC days, and a torn tail cut at open. */
class EnergyStoreTest {

  @TempDir Path dir;

  @Test
  void energyRecordsAreKeptForTheRetentionAndDroppedAfter() {
    EnergyStore store = EnergyStore.open(dir.resolve("energy"), 60);
    Instant first = Instant.parse("2026-01-01T00:05:00Z");
    for (int d = 0; d < 100; d++) {
      EnergyRecord r = SyntheticTrip.energy(first.plusSeconds(d * 86_400L), d, 0, 0);
      store.append(r.toByteArray(), first.plusSeconds(d * 86_400L));
    }
    List<byte[]> all = stored(store, Instant.EPOCH, first.plusSeconds(200 * 86_400L));
    assertEquals(60, all.size(), "days 41..100 are kept");
    assertEquals(first.plusSeconds(40 * 86_400L), EnergyRecordCodec.periodEnd(all.get(0)));
  }

  @Test
  void aTornTailIsCutWhenTheArchiveOpens() throws Exception {
    Path energyDir = dir.resolve("energy");
    EnergyStore store = EnergyStore.open(energyDir, 60);
    Instant t = Instant.parse("2026-01-01T00:05:00Z");
    store.append(SyntheticTrip.energy(t, 1, 0, 0).toByteArray(), t);
    store.append(SyntheticTrip.energy(t.plusSeconds(300), 2, 0, 0).toByteArray(), t.plusSeconds(300));
    Path file = energyDir.resolve("20260101.lle");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    EnergyStore reopened = EnergyStore.open(energyDir, 60);
    assertEquals(1, stored(reopened, t.minusSeconds(300), t.plusSeconds(3600)).size());
    reopened.append(SyntheticTrip.energy(t.plusSeconds(600), 3, 0, 0).toByteArray(), t.plusSeconds(600));
    assertEquals(2, stored(reopened, t.minusSeconds(300), t.plusSeconds(3600)).size());
  }

  /** Every record of the range, read a day at a time as the depot reads them. */
  private static List<byte[]> stored(EnergyStore store, Instant from, Instant to) {
    EnergyRange range = store.snapshot(from, to);
    List<byte[]> out = new ArrayList<>();
    for (int d = 0; d < range.dayCount(); d++) {
      out.addAll(range.records(d));
    }
    return out;
  }
}
