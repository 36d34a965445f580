package io.locolink.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.framing.StreamKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each boot states about the one before it (crash cases: {@link JournalPowerCutTest}). */
class JournalBootTest {

  @TempDir Path dir;
  final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

  @Test
  void eachBootNamesThePreviousOneAndTheLastSequenceItAppended() throws Exception {
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertEquals(new BootHandover(0, 0, 1), j.beginBoot(0xA));
      for (int i = 0; i < 3; i++) {
        j.append(StreamKind.ENERGY, j.nextSequence(), "e".getBytes(StandardCharsets.UTF_8));
      }
      j.acknowledge(StreamKind.ENERGY, 3); // acknowledged records still count as appended
      assertEquals(3, j.lastSequenceAppended());
    }
    long first;
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      BootHandover h = j.beginBoot(0xB);
      assertEquals(0xA, h.previousBootId());
      assertEquals(3, h.previousLastSequence());
      first = h.firstSequence();
      assertEquals(SequenceFloor.BLOCK + 1, first, "the sequence resumes above the block the last run reserved");
      assertEquals(0, j.lastSequenceAppended(), "nothing appended by this boot yet");
    }
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertEquals(new BootHandover(0xB, 0, first), j.beginBoot(0xC), "boot B appended nothing");
    }
  }

  @Test
  void theBootIsRecordedBeforeAnySequenceIsIssued() throws Exception {
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      j.nextSequence();
      assertThrows(IllegalStateException.class, () -> j.beginBoot(1));
    }
  }
}
