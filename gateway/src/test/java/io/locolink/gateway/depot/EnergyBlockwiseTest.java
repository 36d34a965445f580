package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.locolink.gateway.config.DepotConfig;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.testing.SyntheticTrip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /energy} served block by block (RFC 7959): the blocks of an answer, asked for by number, make
 * the same bytes as the whole answer written at once, with the answer's ETag and Size2 on every block;
 * records appended during a transfer do not shift it; a day file dropped during one gives 5.03. The
 * expected answers are the records this test stored, written by protobuf's own delimited writer and
 * JSON printer.
 */
class EnergyBlockwiseTest {

  /** Three UTC days of 5-minute periods: 2026-11-01 00:05 to 2026-11-04 00:00. */
  private static final Instant FIRST_END = Instant.parse("2026-11-01T00:05:00Z");
  private static final int RECORDS = 3 * 288;

  @TempDir Path dir;
  DepotFixture gateway;
  CoapEndpoint client;
  /** Every record appended to the archive, in the order appended (which is period order). */
  final List<EnergyRecord> stored = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    gateway = new DepotFixture(dir, 0, 0, new DepotConfig(null, null, null, "unused", null, null, null, 100, null,
        null));
    for (int i = 0; i < RECORDS; i++) {
      append(FIRST_END.plusSeconds(300L * i), 1000 + i);
    }
    client = CoapEndpoint.builder().setConfiguration(DepotServerTest.plainClientConfiguration()).build();
    client.start();
  }

  @AfterEach
  void stop() {
    client.destroy();
    gateway.close();
  }

  private void append(Instant periodEnd, long consumedWh) {
    EnergyRecord r = SyntheticTrip.energy(periodEnd, consumedWh, 10, 5);
    gateway.energy.append(r.toByteArray(), periodEnd);
    stored.add(r);
  }

  /** The stored records whose period ends in {@code (from, to]}, in the order stored. */
  private List<EnergyRecord> storedIn(Instant from, Instant to) {
    return stored.stream().filter(r -> r.getPeriodEndUnixS() > from.getEpochSecond()
        && r.getPeriodEndUnixS() <= to.getEpochSecond()).toList();
  }

  /** Protobuf's delimited form, by protobuf's own writer: varint length, record, one after another. */
  private static byte[] delimited(List<EnergyRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (EnergyRecord r : records) {
      r.writeDelimitedTo(out);
    }
    return out.toByteArray();
  }

  /** A JSON array of the records, each printed compact by protobuf's own JSON printer. */
  private static byte[] json(List<EnergyRecord> records) throws IOException {
    StringJoiner array = new StringJoiner(",", "[", "]");
    for (EnergyRecord r : records) {
      array.add(JsonFormat.printer().omittingInsignificantWhitespace().print(r));
    }
    return array.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<EnergyRecord> parse(byte[] delimited) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(delimited);
    List<EnergyRecord> out = new ArrayList<>();
    for (EnergyRecord r; (r = EnergyRecord.parseDelimitedFrom(in)) != null; ) {
      out.add(r);
    }
    return out;
  }

  @Test
  void theDelimitedAnswerBlockByBlockIsTheWholeAnswer() throws Exception {
    // From 12:00 on the first day to 12:00 on the third: 2 days of periods, 576 records.
    Instant from = Instant.parse("2026-11-01T12:00:00Z");
    Instant to = Instant.parse("2026-11-03T12:00:00Z");
    List<EnergyRecord> expected = storedIn(from, to);
    byte[] whole = delimited(expected);
    byte[] got = fetch(from, to, MediaTypeRegistry.UNDEFINED, 4, whole);
    assertArrayEquals(whole, got);
    List<EnergyRecord> records = parse(got);
    assertEquals(expected, records);
    assertEquals(2 * 288, records.size());
    long expectedEnd = from.getEpochSecond() + 300;
    for (EnergyRecord r : records) {
      assertEquals(expectedEnd, r.getPeriodEndUnixS());
      expectedEnd += 300;
    }
  }

  @Test
  void theJsonAnswerBlockByBlockIsTheWholeAnswer() throws Exception {
    Instant from = Instant.parse("2026-11-01T23:00:00Z");
    Instant to = Instant.parse("2026-11-03T01:00:00Z");
    byte[] whole = json(storedIn(from, to));
    byte[] got = fetch(from, to, MediaTypeRegistry.APPLICATION_JSON, 5, whole);
    assertArrayEquals(whole, got);
    assertEquals((26 * 3600) / 300, DepotFixture.JSON.readTree(got).size(), "26 hours of 5-minute periods");
  }

  @Test
  void anEmptyAnswerIsEmptyOrAnEmptyArray() throws Exception {
    Instant from = Instant.parse("2026-10-01T00:00:00Z");
    Instant to = Instant.parse("2026-10-02T00:00:00Z");
    assertArrayEquals(new byte[0], fetch(from, to, MediaTypeRegistry.UNDEFINED, 6, new byte[0]));
    byte[] empty = "[]".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(empty, fetch(from, to, MediaTypeRegistry.APPLICATION_JSON, 6, empty));
    assertEquals(ResponseCode.BAD_OPTION, block(from, to, MediaTypeRegistry.UNDEFINED, 6, 1).getCode(),
        "an empty answer has block 0 only");
  }

  @Test
  void recordsAppendedDuringATransferComeWithTheNextOne() throws Exception {
    Instant from = Instant.parse("2026-11-03T20:00:00Z");
    Instant to = Instant.parse("2026-11-04T02:00:00Z");  // six hours: four in the archive, half an hour more in
    for (int i = 0; i < 6; i++) {                          // the next day's file, and the rest still to come
      append(Instant.parse("2026-11-04T00:05:00Z").plusSeconds(300L * i), 5000 + i);
    }
    byte[] before = delimited(storedIn(from, to));
    CoapResponse first = block(from, to, MediaTypeRegistry.UNDEFINED, 4, 0);
    assertTrue(first.getOptions().getBlock2().isM());
    for (int i = 6; i < 12; i++) {
      append(Instant.parse("2026-11-04T00:05:00Z").plusSeconds(300L * i), 5000 + i);
    }
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    rest.writeBytes(first.getPayload());
    for (int num = 1; ; num++) {
      CoapResponse r = block(from, to, MediaTypeRegistry.UNDEFINED, 4, num);
      rest.writeBytes(r.getPayload());
      if (!r.getOptions().getBlock2().isM()) {
        break;
      }
    }
    assertArrayEquals(before, rest.toByteArray(), "the transfer kept the range it started with");
    byte[] after = delimited(storedIn(from, to));
    assertArrayEquals(after, fetch(from, to, MediaTypeRegistry.UNDEFINED, 4, after), "a new transfer has them");
  }

  @Test
  void aDayDroppedDuringATransferIsServiceUnavailable() throws Exception {
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    Instant to = Instant.parse("2026-11-04T00:00:00Z");
    CoapResponse first = block(from, to, MediaTypeRegistry.UNDEFINED, 6, 0);
    assertEquals(ResponseCode.CONTENT, first.getCode());
    int lastNum = (first.getOptions().getSize2() - 1) / 1024;
    try (var files = Files.list(dir.resolve("store").resolve("energy"))) {
      Files.delete(files.sorted().toList().getLast());  // as the retention drops a day, here the newest
    }
    CoapResponse last = block(from, to, MediaTypeRegistry.UNDEFINED, 6, lastNum);
    assertEquals(ResponseCode.SERVICE_UNAVAILABLE, last.getCode());
  }

  @Test
  void aBlockPastTheEndIsABadOption() throws Exception {
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    Instant to = Instant.parse("2026-11-01T01:00:00Z");
    CoapResponse first = block(from, to, MediaTypeRegistry.UNDEFINED, 6, 0);
    assertFalse(first.getOptions().hasBlock2() && first.getOptions().getBlock2().isM(), "12 records fit one block");
    assertEquals(ResponseCode.BAD_OPTION, block(from, to, MediaTypeRegistry.UNDEFINED, 6, 3).getCode());
  }

  @Test
  void aBlockSizeChangedDuringATransferGoesOnAtTheNewSize() throws Exception {
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    Instant to = Instant.parse("2026-11-02T00:00:00Z");
    byte[] whole = delimited(storedIn(from, to));
    byte[] etag = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(whole), 8);
    CoapResponse first = block(from, to, MediaTypeRegistry.UNDEFINED, 6, 0);
    assertArrayEquals(Arrays.copyOfRange(whole, 0, 1024), first.getPayload());
    assertTrue(first.getOptions().getBlock2().isM());
    // Block 4 of 256 bytes starts where block 0 of 1,024 bytes ended.
    for (int num = 4; ; num++) {
      CoapResponse r = block(from, to, MediaTypeRegistry.UNDEFINED, 4, num);
      assertEquals(ResponseCode.CONTENT, r.getCode(), r.getResponseText());
      int start = num * 256;
      int end = Math.min(whole.length, start + 256);
      assertArrayEquals(Arrays.copyOfRange(whole, start, end), r.getPayload(), "block " + num);
      assertEquals(4, r.getOptions().getBlock2().getSzx());
      assertEquals(num, r.getOptions().getBlock2().getNum());
      assertArrayEquals(etag, r.getOptions().getETags().getFirst());
      assertEquals(whole.length, r.getOptions().getSize2());
      if (!r.getOptions().getBlock2().isM()) {
        assertEquals(whole.length, end, "the last block ends the answer");
        return;
      }
    }
  }

  @Test
  void anAnswerOfOneBlockAskedForWithoutBlock2ComesWithoutBlockOptions() throws Exception {
    Instant from = Instant.parse("2026-11-02T00:00:00Z");
    Instant to = Instant.parse("2026-11-02T01:00:00Z");
    byte[] whole = delimited(storedIn(from, to));
    assertTrue(whole.length < 1024, "12 records fit one block: " + whole.length);
    CoapResponse r = send(request(from, to, MediaTypeRegistry.UNDEFINED));
    assertEquals(ResponseCode.CONTENT, r.getCode());
    assertArrayEquals(whole, r.getPayload());
    assertEquals(MediaTypeRegistry.APPLICATION_OCTET_STREAM, r.getOptions().getContentFormat());
    assertArrayEquals(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(whole), 8),
        r.getOptions().getETags().getFirst());
    assertFalse(r.getOptions().hasBlock2());
    assertFalse(r.getOptions().hasSize2());
  }

  /** All blocks of one answer, by number; every block carries the whole answer's ETag and Size2. */
  private byte[] fetch(Instant from, Instant to, int accept, int szx, byte[] whole) throws Exception {
    byte[] etag = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(whole), 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int num = 0; ; num++) {
      CoapResponse r = block(from, to, accept, szx, num);
      assertEquals(ResponseCode.CONTENT, r.getCode(), r.getResponseText());
      assertEquals(List.of(Arrays.toString(etag)), r.getOptions().getETags().stream().map(Arrays::toString).toList());
      BlockOption b = r.getOptions().getBlock2();
      assertEquals(num, b.getNum());
      assertEquals(whole.length, r.getOptions().getSize2());
      out.writeBytes(r.getPayload());
      if (!b.isM()) {
        return out.toByteArray();
      }
      assertEquals(BlockOption.szx2Size(szx), r.getPayload().length);
    }
  }

  private CoapResponse block(Instant from, Instant to, int accept, int szx, int num) throws Exception {
    Request r = request(from, to, accept);
    r.getOptions().setBlock2(szx, false, num);
    return send(r);
  }

  private Request request(Instant from, Instant to, int accept) {
    Request r = Request.newGet();
    r.setURI(gateway.plainBase());
    r.getOptions().addUriPath("energy").addUriQuery("from=" + from.getEpochSecond())
        .addUriQuery("to=" + to.getEpochSecond());
    if (accept != MediaTypeRegistry.UNDEFINED) {
      r.getOptions().setAccept(accept);
    }
    return r;
  }

  private CoapResponse send(Request r) throws Exception {
    CoapClient coap = new CoapClient();
    coap.setEndpoint(client);
    coap.setTimeout(5000L);
    try {
      return coap.advanced(r);
    } finally {
      coap.shutdown();
    }
  }
}
