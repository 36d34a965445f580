package io.locolink.ground.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.ground.api.ApiServer;
import io.locolink.ground.api.LiveFeed;
import io.locolink.ground.api.StationServices;
import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.FleetEntry;
import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.store.HistoryQueries;
import io.locolink.ground.store.Incoming;
import io.locolink.ground.store.LocomotiveIds;
import io.locolink.ground.store.Partitions;
import io.locolink.ground.store.RecordQueries;
import io.locolink.ground.store.SecondRow;
import io.locolink.ground.store.StationDatabase;
import io.locolink.ground.store.Stream;
import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live stream over real HTTP against a real PostgreSQL: what each browser receives is one
 * {@code ready} event once it is listed for the pushes, then one
 * {@code fleet} event a second holding the locomotives that changed, byte for byte the entries as
 * Jackson's object mapper writes them (as the stream wrote them before it wrote rows straight into
 * JSON), the others left out; a browser that goes away is dropped and the others keep receiving; one
 * that stops reading holds up no other and is closed once it is too far behind; a locomotive that
 * goes quiet is sent again, stale, without anything else changing.
 */
class LiveStreamTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> LOCOS = List.of("LS-1", "LS-2", "LS-Zürich", "LS-4");

  private StationDatabase db;
  private BatchWriter writer;
  private LiveFeed feed;
  private LiveStream live;
  private ApiServer server;

  @BeforeEach
  void start() throws Exception {
    db = StationDatabase.server(TestPostgres.freshDatabase(), "postgres", null);
    writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions());
    long second = (System.currentTimeMillis() / 1000 + 300) * 1000;  // not stale however long the test takes
    long t = second + 250;
    List<Incoming> batch = new ArrayList<>();
    for (int i = 0; i < LOCOS.size(); i++) {
      SecondRow row = new SecondRow(second, 1000L, 71239 + i, -5, null, null, 0, 1234, null, null, 5, null, null, 980, 0,
          805 - i, null, null, 1000, 3005, 1, 3312, 2, -123, 61, 3, null, 7, null, 0);
      batch.add(new Incoming(LOCOS.get(i), Stream.TELEMETRY, 1, 1, t, t, false, false, new byte[] {1},
          new Incoming.Telemetry(List.of(row))));
    }
    writer.write(batch, List.of());
    feed = new LiveFeed();
    StationServices services = new StationServices(db.dataSource(), new FleetQueries(db.dataSource()),
        new HistoryQueries(db.dataSource()), new RecordQueries(db.dataSource()), feed, Map::of);
    live = new LiveStream(services);
    server = ApiServer.start("127.0.0.1", 0, services, List.of((config, s) -> {
      config.routes.sse("/live", live::accept);
      config.jetty.modifyServer(jetty -> jetty.addEventListener(new LifeCycle.Listener() {
        @Override
        public void lifeCycleStarted(LifeCycle started) {
          for (Connector c : jetty.getConnectors()) {
            ((AbstractConnector) c).setIdleTimeout(Duration.ofHours(1).toMillis());  // see stuckBrowser()
          }
        }
      }));
    }));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (live != null) {
      live.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** A browser's stream, read line by line as UTF-8, past its ready event. */
  private BufferedReader connect() throws Exception {
    HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/live")).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    assertEquals(": connected", in.readLine());
    assertEquals("event: ready", in.readLine());
    assertEquals("data: {}", in.readLine());
    assertEquals("", in.readLine());
    return in;
  }

  @Test
  void aBrowserIsListedForThePushesBeforeItsReadyEventAndGetsThoseThatFollow() throws Exception {
    BufferedReader a = connect();
    assertEquals(1, live.clients(), "listed when its ready event went out");
    feed.publish(Set.of("LS-2"));  // at once: a page loads the fleet on the ready event, and this follows it
    assertEquals(entries(Set.of("LS-2")), locomotives(event(a)));
    BufferedReader b = connect();
    assertEquals(2, live.clients());
    feed.publish(Set.of("LS-4"));
    assertEquals(entries(Set.of("LS-4")), locomotives(event(a)));
    assertEquals(entries(Set.of("LS-4")), locomotives(event(b)));
  }

  /** The next event's data, after checking the event's exact lines. */
  private static String event(BufferedReader in) throws Exception {
    assertEquals("event: fleet", in.readLine());
    String data = in.readLine();
    assertTrue(data.startsWith("data: "), data);
    assertEquals("", in.readLine(), "one data line, then the blank line that ends the event");
    return data.substring("data: ".length());
  }

  /** The {@code locomotives} array of an event's data, as text, after checking the data's shape. */
  private static String locomotives(String data) throws Exception {
    String time = new ObjectMapper().readTree(data).get("time").asText();
    Instant.parse(time);
    String start = "{\"time\":\"" + time + "\",\"locomotives\":";
    assertTrue(data.startsWith(start) && data.endsWith("}"), data);
    return data.substring(start.length(), data.length() - 1);
  }

  /** The entries of {@code ids} from the whole snapshot, as the object mapper writes them. */
  private String entries(Set<String> ids) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FleetEntry e : new FleetQueries(db.dataSource()).snapshot(Instant.now())) {
      if (ids.contains(e.locomotive())) {
        out.add(e.toJson());
      }
    }
    return new ObjectMapper().writeValueAsString(out);
  }

  @Test
  void everyBrowserGetsTheChangedLocomotivesAsTheObjectMapperWritesThem() throws Exception {
    BufferedReader a = connect();
    BufferedReader b = connect();
    Await.until("both browsers listening", WAIT, () -> live.clients() == 2);
    Set<String> changed = Set.of("LS-Zürich", "LS-2");
    feed.publish(changed);
    String expected = entries(changed);
    assertTrue(expected.contains("\"locomotive\":\"LS-2\"") && expected.contains("\"locomotive\":\"LS-Zürich\"")
        && !expected.contains("LS-1") && !expected.contains("LS-4"), expected);
    assertEquals(expected, locomotives(event(a)));
    assertEquals(expected, locomotives(event(b)));

    feed.publish(Set.of("LS-4"));
    assertEquals(entries(Set.of("LS-4")), locomotives(event(a)));
    assertEquals(entries(Set.of("LS-4")), locomotives(event(b)));
  }

  @Test
  void aBrowserThatLeavesIsDroppedAndTheOthersKeepReceiving() throws Exception {
    BufferedReader staying = connect();
    BufferedReader leaving = connect();
    Await.until("both browsers listening", WAIT, () -> live.clients() == 2);
    leaving.close();
    int events = 0;
    while (live.clients() > 1) {  // each push writes to the closed connection until a write fails
      feed.publish(Set.of("LS-1"));
      event(staying);
      events++;
      assertTrue(events < 100, "the closed browser is still listed after " + events + " events");
    }
    feed.publish(Set.of("LS-1", "LS-4"));
    assertEquals(entries(Set.of("LS-1", "LS-4")), locomotives(event(staying)));
    assertEquals(1, live.clients());
  }

  @Test
  @Timeout(180)  // on a stream held up by the stuck browser, the read of the next event would wait for ever
  void aBrowserThatStopsReadingHoldsUpNoOtherAndIsClosed() throws Exception {
    Set<String> fleet = addLocomotives(400);  // events of some 180 kB: the stuck browser's buffers fill in a few dozen
    try (Socket stuck = stuckBrowser()) {
      BufferedReader reading = connect();
      Await.until("both browsers listening", WAIT, () -> live.clients() == 2);
      String expected = entries(fleet);
      int events = 0;
      while (live.clients() > 1) {
        feed.publish(fleet);
        assertEquals(expected, locomotives(event(reading)));
        events++;
        assertTrue(events < 100, "the stuck browser is still listed after " + events + " events");
      }
      assertTrue(events > LiveStream.OUTBOX_EVENTS, "the stuck browser was dropped after " + events + " event(s)");
      assertClosedByTheStation(stuck);
      feed.publish(Set.of("LS-1"));
      assertEquals(entries(Set.of("LS-1")), locomotives(event(reading)));
      assertEquals(1, live.clients());
    }
  }

  /** Adds {@code n} locomotives with one frame each, in the future as the others; returns every locomotive's id. */
  private Set<String> addLocomotives(int n) throws Exception {
    long second = (System.currentTimeMillis() / 1000 + 300) * 1000;
    long t = second + 250;
    List<Incoming> batch = new ArrayList<>();
    Set<String> ids = new HashSet<>(LOCOS);
    for (int i = 0; i < n; i++) {
      SecondRow row = new SecondRow(second, 1000L, 70000 + i, -5, null, null, 0, 1234, null, null, 5, null, null, 980, 0,
          800, null, null, 1000, 3005, 1, 3312, 2, -123, 61, 3, null, 7, null, 0);
      String id = String.format("LS-many-%03d", i);
      ids.add(id);
      batch.add(new Incoming(id, Stream.TELEMETRY, 1, 1, t, t, false, false, new byte[] {1},
          new Incoming.Telemetry(List.of(row))));
    }
    writer.write(batch, List.of());
    return ids;
  }

  /**
   * A browser that subscribes and then never reads again (a suspended laptop): a plain socket with a
   * small receive buffer, read up to the stream's first comment. Jetty's idle timeout, which would
   * end a connection that does not move at all for 30 s, is set beyond the test's time here: it
   * never ends one that is merely slower than the stream, and the stream must not rely on it.
   */
  private Socket stuckBrowser() throws Exception {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", server.port()));
    s.setSoTimeout((int) WAIT.toMillis());
    s.getOutputStream().write(("GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    StringBuilder seen = new StringBuilder();
    while (seen.indexOf(": connected\n") < 0) {
      int b = in.read();
      assertTrue(b >= 0, "the stream ended before its first comment: " + seen);
      seen.append((char) b);
    }
    assertTrue(seen.toString().startsWith("HTTP/1.1 200 "), seen.toString());
    return s;
  }

  /** Reads what the station had sent until it closes the connection (end of stream or a reset). */
  private static void assertClosedByTheStation(Socket s) throws Exception {
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[65536];
    try {
      while (in.read(buffer) >= 0) {
        // what was sent before the close
      }
    } catch (SocketException reset) {
      // closed with data unread: as good an end
    }
  }

  @Test
  @Timeout(60)  // without its second event the read below would wait for ever
  void aLocomotiveThatGoesQuietIsSentAgainStaleWithoutAReload() throws Exception {
    long second = System.currentTimeMillis() / 1000 * 1000;  // its one frame, this second: stale 10 s on
    quietLocomotiveIsSentAgainStale("LS-quiet", second, second + 250);
  }

  @Test
  @Timeout(60)
  void aLocomotiveAheadOfTheClockThatGoesQuietIsSentAgainStale() throws Exception {
    long now = System.currentTimeMillis();
    long ahead = (now / 1000 + 3600) * 1000;  // an accelerated simulator's frame, stamped an hour ahead
    quietLocomotiveIsSentAgainStale("LS-ahead", ahead, now);
  }

  /** One frame of {@code loco}, stamped {@code second}, received at {@code receivedMs}: sent fresh, then stale. */
  private void quietLocomotiveIsSentAgainStale(String loco, long second, long receivedMs) throws Exception {
    BufferedReader browser = connect();
    Await.until("the browser listening", WAIT, () -> live.clients() == 1);
    SecondRow row = new SecondRow(second, 1000L, 71239, -5, null, null, 0, 1234, null, null, 5, null, null, 980, 0,
        805, null, null, 1000, 3005, 1, 3312, 2, -123, 61, 3, null, 7, null, 0);
    writer.write(List.of(new Incoming(loco, Stream.TELEMETRY, 1, 1, second + 250, receivedMs, false, false, new byte[] {1},
        new Incoming.Telemetry(List.of(row)))), List.of());
    feed.publish(Set.of(loco));
    String first = locomotives(event(browser));
    assertTrue(first.contains("\"locomotive\":\"" + loco + "\"") && first.contains("\"stale\":false"), first);

    String again = locomotives(event(browser));  // nothing published since: the stream sends it by itself
    long after = System.currentTimeMillis() - receivedMs;
    assertTrue(again.contains("\"locomotive\":\"" + loco + "\"") && again.contains("\"stale\":true"), again);
    assertTrue(after > FleetQueries.STALE_AFTER.toMillis(), "sent again " + after + " ms after its frame arrived");
    assertEquals(entries(Set.of(loco)), again);
  }
}
