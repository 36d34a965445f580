package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.DepotConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * The depot server's CoAP resources fed random requests over a real DTLS session: random methods,
 * paths (real resources, real and malformed trip ids, traversal attempts, noise), queries, options
 * (Accept, Content-Format, Block1/Block2 with random numbers and sizes, Observe, unknown critical
 * and elective options), tokens and payloads. The messages are written byte by byte here after RFC
 * 7252 section 3, not with Californium's serializer. Every confirmable request gets an answer with
 * a clear code (2.xx, 4.xx, 5.01 or 5.03, never 5.00), or an RST for a message it cannot parse, and
 * the server still answers {@code /health} after each one. Tries are bounded so the run stays short.
 */
class DepotFuzzTest {

  private static final long ANSWER_TIMEOUT_MS = 5_000;
  private static final String[] SEGMENTS = {"trips", "energy", "battery", "health", ".well-known", "core", "log",
      "summary", "collected", "..", ".", "", "%2e%2e", "trips\u0000", "\u00e9t\u00e9", "/", "a/b", "0", "-1",
      "99999999999999999999"};
  private static final String[] QUERY_KEYS = {"from", "to", "since", "format", "x", ""};
  private static final String[] QUERY_VALUES = {"0", "-1", "1764000000", "2026-11-20T06:00:00Z", "9e99", "NaN",
      "", "2026-13-45T99:99:99Z", "18446744073709551616"};
  /** Methods 0.01-0.07 (GET ... iPATCH) and a few undefined request codes. */
  private static final int[] METHODS = {1, 2, 3, 4, 5, 6, 7, 8, 31};

  private static Path dir;
  private static DepotFixture gateway;
  private static DTLSConnector client;
  private static InetSocketAddress server;
  private static final BlockingQueue<byte[]> RECEIVED = new LinkedBlockingQueue<>();
  private static int messageId;

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("depot-fuzz");
    gateway = new DepotFixture(dir, 2, 60, DepotConfig.defaults());
    DtlsConfig.register();
    Configuration cfg = Configuration.createStandardWithoutFile();
    client = new DTLSConnector(DtlsConnectorConfig.builder(cfg)
        .setAddress(new InetSocketAddress("127.0.0.1", 0))
        .setAdvancedPskStore(new AdvancedSinglePskStore(DepotFixture.IDENTITY,
            DepotFixture.SECRET.getBytes(StandardCharsets.UTF_8)))
        .build());
    client.setRawDataReceiver(raw -> RECEIVED.add(raw.getBytes()));
    client.start();
    server = new InetSocketAddress("127.0.0.1", gateway.server.dtlsAddress().getPort());
  }

  @AfterContainer
  static void stop() throws IOException {
    if (client != null) {
      client.destroy();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Property(tries = 250)
  void randomRequestsGetAClearAnswer(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) throws Exception {
    Random r = new Random(seed);
    Request request = randomRequest(r);
    byte[] answer = exchange(request.bytes(), request.messageId(), request.token());
    assertNotNull(answer, "no answer within " + ANSWER_TIMEOUT_MS + " ms to " + request);
    assertClearAnswer(answer, request.toString());
    assertAlive();
  }

  @Property(tries = 150)
  void noiseAfterAValidHeaderGetsNoCrash(@ForAll @Size(max = 600) byte[] tail,
      @ForAll @IntRange(min = 0, max = 8) int tokenLength) throws Exception {
    // CON GET with a token of tokenLength random bytes, then noise where the options would be.
    int mid = nextMessageId();
    byte[] msg = new byte[4 + tokenLength + tail.length];
    msg[0] = (byte) (0x40 | tokenLength);
    msg[1] = 0x01;
    msg[2] = (byte) (mid >> 8);
    msg[3] = (byte) mid;
    byte[] token = new byte[tokenLength];
    new Random(tail.length).nextBytes(token);
    System.arraycopy(token, 0, msg, 4, tokenLength);
    System.arraycopy(tail, 0, msg, 4 + tokenLength, tail.length);
    byte[] answer = exchange(msg, mid, token);
    assertNotNull(answer, "no answer to CON GET with noise " + HexFormat.of().formatHex(tail));
    assertClearAnswer(answer, "noise " + HexFormat.of().formatHex(tail));
    assertAlive();
  }

  /**
   * Found by this test: a Block1 request whose payload is larger than its block size made
   * Californium's parser throw, and the server said nothing at all. Now it is a 4.00.
   */
  @Example
  void aBlock1PayloadLargerThanItsBlockIsABadRequest() throws Exception {
    // POST /, Observe (empty), Block1 NUM 6779, M=1, SZX 3 (128 bytes), a 138-byte payload.
    Request request = new Request(2, new byte[0], nextMessageId(), List.of(new Option(6, new byte[0]),
        new Option(27, HexFormat.of().parseHex("01a7bb"))), new byte[138]);
    byte[] answer = exchange(request.bytes(), request.messageId(), request.token());
    assertNotNull(answer, "an answer to " + request);
    assertEquals(4 << 5, answer[1] & 0xff, "4.00 Bad Request");
    assertAlive();
  }

  /** A Block2 request far past the end of a trip log. */
  @Example
  void aBlockFarPastTheEndOfALogIsABadOption() throws Exception {
    String id = gateway.trips.get(0).info().id().value();
    Request request = new Request(1, new byte[] {1}, nextMessageId(), List.of(
        new Option(11, bytes("trips")), new Option(11, bytes(id)), new Option(11, bytes("log")),
        new Option(23, uint((1_000_000L << 4) | 6))), new byte[0]);
    byte[] answer = exchange(request.bytes(), request.messageId(), request.token());
    assertNotNull(answer);
    assertEquals(4 << 5 | 2, answer[1] & 0xff, "4.02 Bad Option");
  }

  private static void assertClearAnswer(byte[] answer, String what) {
    int type = (answer[0] >> 4) & 0x3;
    int code = answer[1] & 0xff;
    if (type == 3) { // RST: the message could not be processed (RFC 7252 section 4.2)
      assertEquals(0, code, "an RST is empty");
      return;
    }
    int cls = code >> 5;
    int detail = code & 0x1f;
    String shown = cls + "." + String.format("%02d", detail);
    assertTrue(cls == 2 || cls == 4 || (cls == 5 && (detail == 1 || detail == 3)),
        "answer " + shown + " is not a success or a clear error, to " + what);
  }

  private static void assertAlive() throws Exception {
    int mid = nextMessageId();
    byte[] token = {0x55, 0x66};
    Request health = new Request(1, token, mid, List.of(new Option(11, bytes("health"))), new byte[0]);
    byte[] answer = exchange(health.bytes(), mid, token);
    assertNotNull(answer, "the server no longer answers /health");
    assertEquals(2 << 5 | 5, answer[1] & 0xff, "/health answers 2.05");
  }

  /** Sends {@code msg} and waits for the ACK/RST with its message id or a response with its token. */
  private static byte[] exchange(byte[] msg, int mid, byte[] token) throws InterruptedException {
    RECEIVED.clear();
    client.send(RawData.outbound(msg, new AddressEndpointContext(server), null, false));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MS);
    while (true) {
      long left = deadline - System.nanoTime();
      byte[] in = left <= 0 ? null : RECEIVED.poll(left, TimeUnit.NANOSECONDS);
      if (in == null || in.length < 4) {
        if (in == null) {
          return null;
        }
        continue;
      }
      int type = (in[0] >> 4) & 0x3;
      int inMid = ((in[2] & 0xff) << 8) | (in[3] & 0xff);
      int code = in[1] & 0xff;
      boolean ours = (type == 2 || type == 3) && inMid == mid;
      boolean separate = (type == 0 || type == 1) && sameToken(in, token);
      if (ours && type == 2 && code == 0) {
        continue; // empty ACK: the response follows separately
      }
      if (ours || (separate && code != 0)) {
        return in;
      }
    }
  }

  private static boolean sameToken(byte[] in, byte[] token) {
    int tkl = in[0] & 0x0f;
    if (tkl != token.length || in.length < 4 + tkl) {
      return false;
    }
    for (int i = 0; i < tkl; i++) {
      if (in[4 + i] != token[i]) {
        return false;
      }
    }
    return true;
  }

  private static synchronized int nextMessageId() {
    messageId = (messageId + 1) & 0xffff;
    return messageId;
  }

  private static Request randomRequest(Random r) {
    List<Option> options = new ArrayList<>();
    int segments = r.nextInt(5);
    for (int i = 0; i < segments; i++) {
      options.add(new Option(11, bytes(segment(r))));
    }
    if (r.nextInt(3) == 0) {
      int queries = 1 + r.nextInt(3);
      for (int i = 0; i < queries; i++) {
        String q = QUERY_KEYS[r.nextInt(QUERY_KEYS.length)] + (r.nextBoolean() ? "=" : "")
            + QUERY_VALUES[r.nextInt(QUERY_VALUES.length)];
        options.add(new Option(15, bytes(q)));
      }
    }
    if (r.nextInt(4) == 0) {
      options.add(new Option(17, uint(r.nextInt(4) == 0 ? r.nextInt(65536) : new int[] {0, 42, 50, 60}[r.nextInt(4)])));
    }
    if (r.nextInt(4) == 0) {
      options.add(new Option(12, uint(r.nextInt(65536))));
    }
    if (r.nextInt(3) == 0) { // Block2: NUM (up to 2^20), M, SZX (7 is reserved)
      options.add(new Option(23, uint(((long) r.nextInt(1 << 20) >> r.nextInt(21)) << 4 | r.nextInt(2) << 3
          | r.nextInt(8))));
    }
    if (r.nextInt(5) == 0) {
      options.add(new Option(27, uint(((long) r.nextInt(1 << 20) >> r.nextInt(21)) << 4 | r.nextInt(2) << 3
          | r.nextInt(8))));
    }
    if (r.nextInt(6) == 0) {
      options.add(new Option(6, uint(r.nextInt(3) == 0 ? 1 : 0))); // Observe register/deregister
    }
    if (r.nextInt(8) == 0) { // an option no one knows, critical (odd) or elective (even)
      byte[] value = new byte[r.nextInt(20)];
      r.nextBytes(value);
      options.add(new Option(2 + r.nextInt(3000), value));
    }
    if (r.nextInt(10) == 0) { // If-Match / ETag / If-None-Match with random values
      byte[] value = new byte[r.nextInt(9)];
      r.nextBytes(value);
      options.add(new Option(new int[] {1, 4, 5}[r.nextInt(3)], value));
    }
    options.sort(Comparator.comparingInt(Option::number));
    byte[] payload = new byte[r.nextInt(4) == 0 ? r.nextInt(1100) : 0];
    if (r.nextInt(3) == 0 && payload.length >= 64) {
      byte[] hex = HexFormat.of().formatHex(new byte[32]).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(hex, 0, payload, 0, hex.length); // a SHA-256-shaped body now and then
    } else {
      r.nextBytes(payload);
    }
    byte[] token = new byte[r.nextInt(9)];
    r.nextBytes(token);
    return new Request(METHODS[r.nextInt(METHODS.length)], token, nextMessageId(), options, payload);
  }

  private static String segment(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> gateway.trips.get(r.nextInt(gateway.trips.size())).info().id().value();
      case 1 -> {
        String id = gateway.trips.get(0).info().id().value();
        yield id.substring(0, r.nextInt(id.length() + 1)) + (char) r.nextInt(128);
      }
      case 2 -> {
        byte[] b = new byte[r.nextInt(40)];
        r.nextBytes(b);
        yield new String(b, StandardCharsets.ISO_8859_1);
      }
      case 3 -> "x".repeat(r.nextInt(255));
      default -> SEGMENTS[r.nextInt(SEGMENTS.length)];
    };
  }

  private static byte[] bytes(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return b.length > 255 ? java.util.Arrays.copyOf(b, 255) : b;
  }

  /** A CoAP uint option value: big-endian, no leading zero bytes (RFC 7252 section 3.2). */
  private static byte[] uint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean started = false;
    for (int shift = 56; shift >= 0; shift -= 8) {
      int b = (int) (value >>> shift) & 0xff;
      if (b != 0 || started) {
        out.write(b);
        started = true;
      }
    }
    return out.toByteArray();
  }

  record Option(int number, byte[] value) {}

  /** A confirmable request, encoded after RFC 7252 section 3. */
  record Request(int code, byte[] token, int messageId, List<Option> options, byte[] payload) {

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0x40 | token.length);
      out.write(code);
      out.write(messageId >> 8);
      out.write(messageId & 0xff);
      out.writeBytes(token);
      int last = 0;
      for (Option o : options) {
        int delta = o.number() - last;
        last = o.number();
        int length = o.value().length;
        out.write(nibble(delta) << 4 | nibble(length));
        extended(out, delta);
        extended(out, length);
        out.writeBytes(o.value());
      }
      if (payload.length > 0) {
        out.write(0xff);
        out.writeBytes(payload);
      }
      return out.toByteArray();
    }

    private static int nibble(int v) {
      return v < 13 ? v : v < 269 ? 13 : 14;
    }

    private static void extended(ByteArrayOutputStream out, int v) {
      if (v >= 269) {
        out.write((v - 269) >> 8);
        out.write((v - 269) & 0xff);
      } else if (v >= 13) {
        out.write(v - 13);
      }
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("code 0.").append(String.format("%02d", code)).append(", options");
      for (Option o : options) {
        s.append(' ').append(o.number()).append('=').append(HexFormat.of().formatHex(o.value()));
      }
      return s.append(", payload ").append(payload.length).append(" B").toString();
    }
  }
}
