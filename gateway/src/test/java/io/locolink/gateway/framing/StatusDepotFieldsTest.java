package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.proto.v1.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retained status announces the depot endpoint in fields 20-25 (records.proto). */
class StatusDepotFieldsTest {

  static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

  private static byte[] encode(DepotAnnouncement depot) {
    return new StatusCodec("KZ-1", 7, "t", AT, List::of, BootSequence.UNKNOWN, () -> 0,
        () -> io.locolink.gateway.acquisition.ClockQuality.SYNCED, () -> depot)
        .encode(new StatusReport(true, AT, 0, Duration.ZERO, 0, 0, 0, 0));
  }

  /** The last bytes of an encoded message, from {@code from} (fields are written in field-number order). */
  private static byte[] tail(byte[] message, int from) {
    return Arrays.copyOfRange(message, from, message.length);
  }

  @Test
  void servingAnnouncesAddressPortAndIdentitiesAsFields20To23() throws Exception {
    byte[] bytes = encode(new DepotAnnouncement(DepotAnnouncement.State.SERVING, "10.20.0.15", 5684,
        List.of("depot-almaty"), "", 0));
    Status s = Status.parseFrom(bytes);
    assertEquals(io.locolink.proto.v1.DepotServerState.DEPOT_SERVING, s.getDepotState());
    assertEquals("10.20.0.15", s.getDepotAddress());
    assertEquals(5684, s.getDepotPort());
    assertEquals(List.of("depot-almaty"), s.getDepotIdentitiesList());
    // Wire form of the depot fields, worked out from the encoding rules: field 20 varint -> tag (20<<3|0) = 160
    // = 0xA0 0x01, value 2; field 21 length-delimited -> tag 170 = 0xAA 0x01, length 10; field 22 varint ->
    // tag 176 = 0xB0 0x01, 5684 = 0xB4 0x2C; field 23 -> tag 186 = 0xBA 0x01, length 12. Fields 24 and 25 are
    // empty/zero and not written (proto3 defaults).
    byte[] expected = concat(new byte[] {(byte) 0xA0, 0x01, 0x02, (byte) 0xAA, 0x01, 10},
        "10.20.0.15".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        new byte[] {(byte) 0xB0, 0x01, (byte) 0xB4, 0x2C, (byte) 0xBA, 0x01, 12},
        "depot-almaty".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertArrayEquals(expected, tail(bytes, bytes.length - expected.length));
  }

  @Test
  void retryingCarriesTheReasonAndFailuresButNoEndpoint() throws Exception {
    Status s = Status.parseFrom(encode(new DepotAnnouncement(DepotAnnouncement.State.RETRYING, "", 0, List.of(),
        "bind address 10.20.0.15 is not on any interface", 3)));
    assertEquals(io.locolink.proto.v1.DepotServerState.DEPOT_RETRYING, s.getDepotState());
    assertEquals("", s.getDepotAddress());
    assertEquals(0, s.getDepotPort());
    assertEquals("bind address 10.20.0.15 is not on any interface", s.getDepotError());
    assertEquals(3, s.getDepotFailures());
  }

  @Test
  void aGatewayWithoutDepotSaysDisabled() throws Exception {
    assertEquals(io.locolink.proto.v1.DepotServerState.DEPOT_DISABLED,
        Status.parseFrom(encode(DepotAnnouncement.disabled())).getDepotState());
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
