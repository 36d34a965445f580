package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.framing.LogRecordCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.testing.ReferencePackFrames;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log of LZMA2 members of coded records as the writer of December 2026 wrote it (a file kept with
 * the tests: 60 s of the reference pack's frames with 0.3 mV cell noise, v1.2 but the 31st, which is
 * v1.1; a flush every 5 frames, members of 4 KiB of coded records) reads back as the frames the
 * generator makes, byte for byte: the record coding is a stored format, and a change to it must keep
 * reading the logs already on the locomotives.
 */
class CodedTripLogTest {

  @TempDir Path dir;

  @Test
  void aLogOfTheFirstCodedFormatReadsBackAsTheFramesSent() throws Exception {
    Path file = dir.resolve("kept.llt");
    try (InputStream in = CodedTripLogTest.class.getResourceAsStream("/trips/reference-pack-lzma2.llt")) {
      Files.write(file, in.readAllBytes());
    }
    ReferencePackFrames source = new ReferencePackFrames(0.3);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ReferencePackFrames.Second second = source.next();
      sent.add(LogRecordCodec.wrap(StreamKind.TELEMETRY, (i == 30 ? second.v11() : second.v12()).toByteArray()));
    }
    List<byte[]> back = new ArrayList<>();
    TripLogReader.ScanResult scan = TripLogReader.read(file, back::add);
    assertFalse(scan.tornTail());
    assertTrue(scan.blocks() > 1, "several members: " + scan.blocks());
    assertEquals(sent.size(), back.size());
    for (int i = 0; i < sent.size(); i++) {
      assertArrayEquals(sent.get(i), back.get(i), "frame " + i);
    }
  }
}
