package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.TelemetryFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which values a frame's quality entries flag, read the same way from the wire's entries and from a
 * decoded frame's. The wire's rule (common.proto, ChannelQuality): a run of {@code count} indices from
 * {@code index}, 0 and 1 both meaning just {@code index}, both fields uint32; a value flagged for the
 * unsynced clock only is good. Expected answers are worked out by hand from the entries written here.
 */
class FlaggedValuesTest {

  /** Quality masks, 1 << the wire's QualityFlag number. */
  private static final int STALE = 1 << 7;
  private static final int UNSYNCED_CLOCK = 1 << 10;

  private static TelemetryFrame frame(ChannelQuality... entries) {
    return TelemetryFrame.newBuilder().setHeader(Header.newBuilder().setLocomotiveId("KZ1").setTimeUnixMs(1_000_000))
        .addSampleOffsetMs(0).addAllQuality(List.of(entries)).build();
  }

  private static ChannelQuality entry(Channel channel, int index, int count, int mask) {
    return ChannelQuality.newBuilder().setChannel(channel).setIndex(index).setCount(count).setFlags(mask).build();
  }

  /** Both readings of one frame: off the wire, and from the decoder's quality entries. */
  private static List<FlaggedValues> both(TelemetryFrame f) {
    return List.of(FlaggedValues.of(f), FlaggedValues.of(TelemetryFrameDecoder.decode(f).quality()));
  }

  @Test
  void theGatewayWritesASingleFlaggedCellWithoutACount() {
    QualityCollector collector = new QualityCollector();
    collector.add(Channel.CHANNEL_CELL_VOLTAGE, 17, STALE);
    List<ChannelQuality> entries = collector.entries();
    assertEquals(1, entries.size());
    assertEquals(17, entries.getFirst().getIndex());
    assertEquals(0, entries.getFirst().getCount(), "field 4 left out: one index");
    for (FlaggedValues flagged : both(frame(entries.getFirst()))) {
      assertTrue(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 16));
      assertFalse(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 17));
      assertTrue(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 18));
    }
  }

  @Test
  void aDecodedEntryWithACountOfZeroFlagsItsOneIndex() {
    FlaggedValues flagged = FlaggedValues.of(List.of(new DecodedFrame.Quality("CELL_TEMPERATURE", 4, 0,
        List.of("STALE"))));
    assertTrue(flagged.good(Channel.CHANNEL_CELL_TEMPERATURE, 3));
    assertFalse(flagged.good(Channel.CHANNEL_CELL_TEMPERATURE, 4));
    assertTrue(flagged.good(Channel.CHANNEL_CELL_TEMPERATURE, 5));
    assertTrue(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 4), "another channel");
  }

  @Test
  void aRunCoversItsCountFromItsIndexOnly() {
    // cells 10, 11 and 12 stale
    for (FlaggedValues flagged : both(frame(entry(Channel.CHANNEL_CELL_VOLTAGE, 10, 3, STALE)))) {
      assertTrue(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 9));
      assertFalse(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 10));
      assertFalse(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 12));
      assertTrue(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 13));
    }
  }

  @Test
  void indexAndCountAreUnsigned() {
    // uint32 count 4294967295 from 3: indices 3 to 4294967297, so every index from 3 up to 2^32 - 1;
    // uint32 index 4294967290 (-6 as a Java int) with count 2: 4294967290 and 4294967291 only
    TelemetryFrame f = frame(entry(Channel.CHANNEL_CELL_VOLTAGE, 3, -1, STALE),
        entry(Channel.CHANNEL_WINDING_TEMPERATURE, -6, 2, STALE));
    for (FlaggedValues flagged : both(f)) {
      assertTrue(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 2));
      assertFalse(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 3));
      assertFalse(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, Integer.MAX_VALUE));
      assertFalse(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, -1), "4294967295");
      assertTrue(flagged.good(Channel.CHANNEL_WINDING_TEMPERATURE, 0));
      assertTrue(flagged.good(Channel.CHANNEL_WINDING_TEMPERATURE, -7));
      assertFalse(flagged.good(Channel.CHANNEL_WINDING_TEMPERATURE, -6));
      assertFalse(flagged.good(Channel.CHANNEL_WINDING_TEMPERATURE, -5));
      assertTrue(flagged.good(Channel.CHANNEL_WINDING_TEMPERATURE, -4));
    }
  }

  @Test
  void aValueFlaggedForTheUnsyncedClockOnlyIsGood() {
    TelemetryFrame f = frame(entry(Channel.CHANNEL_PACK_VOLTAGE, 0, 1, UNSYNCED_CLOCK),
        entry(Channel.CHANNEL_PACK_CURRENT, 0, 1, UNSYNCED_CLOCK | STALE));
    for (FlaggedValues flagged : both(f)) {
      assertTrue(flagged.good(Channel.CHANNEL_PACK_VOLTAGE, 0));
      assertFalse(flagged.good(Channel.CHANNEL_PACK_CURRENT, 0));
    }
  }

  @Test
  void aDecodedEntryOfAChannelThisVersionDoesNotKnowFlagsNothingElse() {
    FlaggedValues flagged = FlaggedValues.of(List.of(new DecodedFrame.Quality("UNRECOGNIZED", 0, 1,
        List.of("STALE")), new DecodedFrame.Quality("SOLAR_PANEL", 0, 1, List.of("STALE"))));
    for (Channel c : Channel.values()) {
      if (c != Channel.UNRECOGNIZED) {
        assertTrue(flagged.good(c, 0), c.name());
      }
    }
  }

  @Test
  void aFlagThisVersionHasNoNameForStillFlagsTheValueInBothReadings() {
    // bit 20: no QualityFlag has that number; bit 0 is QUALITY_GOOD, never set as a bit by a gateway
    TelemetryFrame f = frame(entry(Channel.CHANNEL_CELL_VOLTAGE, 7, 1, 1 << 20),
        entry(Channel.CHANNEL_PACK_CURRENT, 0, 1, UNSYNCED_CLOCK | 1));
    assertEquals(List.of("FLAG_20"), TelemetryFrameDecoder.decode(f).quality().get(0).flags());
    assertEquals(List.of("UNSYNCED_CLOCK", "FLAG_0"), TelemetryFrameDecoder.decode(f).quality().get(1).flags());
    for (FlaggedValues flagged : both(f)) {
      assertFalse(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 7));
      assertTrue(flagged.good(Channel.CHANNEL_CELL_VOLTAGE, 6));
      assertFalse(flagged.good(Channel.CHANNEL_PACK_CURRENT, 0));
    }
  }
}
