package io.locolink.ground.web;

import io.javalin.http.sse.SseClient;
import io.locolink.ground.api.FleetJson;
import io.locolink.ground.api.StationServices;
import io.locolink.ground.store.FleetQueries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream of the pages ({@code GET /api/v1/live}, Server-Sent Events): a {@code ready} event
 * once the browser is listed (a page loads the fleet then, and misses nothing after), then once a second, the
 * fleet entries of the locomotives whose stored state changed since the last push, as one
 * {@code fleet} event (the same fields as {@code /api/v1/fleet}), and of those that went quiet: a
 * locomotive is sent once more when its last change is {@link FleetQueries#STALE_AFTER} (and a margin)
 * old, so that a page shows it stale without a reload. Each second, one query of only
 * those locomotives' rows, written straight into the event's bytes, and the same bytes handed to
 * every browser. Runs its own daemon thread for the query; each browser has a {@link LiveBrowser}
 * that writes to it on a thread of its own, so a browser that stops reading holds up no other. One
 * that has {@link #OUTBOX_EVENTS} events waiting is closed (logged once, at info); its page's
 * EventSource reconnects and the page loads the fleet again. {@link #close()} stops the threads
 * (the streams themselves end when the HTTP server stops); the dashboard closes it as its HTTP
 * server starts to stop, so no push reads from a database the station closes after its server.
 */
final class LiveStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
  static final long PERIOD_MS = 1000;
  /** Events a browser may have waiting (seconds it may fall behind) before it is closed. */
  static final int OUTBOX_EVENTS = 10;
  /** From a locomotive's last change to when it is sent again: stale by then, with two periods to spare. */
  private static final long QUIET_MS = FleetQueries.STALE_AFTER.toMillis() + 2 * PERIOD_MS;
  /** The first event of every stream, once the browser is listed for the pushes: its data is {@code {}}. */
  static final String READY_EVENT = "ready";
  private static final byte[] EVENT_START = "event: fleet\ndata: ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

  private final StationServices services;
  private final Map<SseClient, LiveBrowser> clients = new ConcurrentHashMap<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  /** When each locomotive that changed is sent again if nothing more comes (epoch ms). */
  private final Map<String, Long> quietAt = new ConcurrentHashMap<>();
  private final ScheduledExecutorService pusher;
  private final AutoCloseable subscription;
  private int lastEventBytes = 4096;
  private volatile boolean closed;

  LiveStream(StationServices services) {
    this.services = services;
    this.subscription = services.live().subscribe(this::changed);
    this.pusher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("dashboard-live")
        .daemon().unstarted(r));
    pusher.scheduleAtFixedRate(this::push, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** Keeps a browser's stream open until it goes away (ends it at once once closed). Called on a Jetty thread. */
  void accept(SseClient client) {
    if (closed) {
      client.close();
      return;
    }
    LiveBrowser browser = new LiveBrowser(client, OUTBOX_EVENTS, () -> clients.remove(client));
    client.onClose(() -> {
      clients.remove(client);
      browser.stop();
    });
    client.keepAlive();  // before the writer can close the client: a close before it would leave the request open
    clients.put(client, browser);
    // Before its writer starts (one writer at a time). The page loads the fleet on the ready event, not
    // when its stream opens (the headers went out before this call): the browser is listed by then, so
    // every push after the load's query reaches it, waiting in its outbox until the writer starts.
    client.sendComment("connected");
    client.sendEvent(READY_EVENT, "{}");
    browser.start();
  }

  int clients() {
    return clients.size();
  }

  /** False once {@link #close()} has stopped the pushes (and any push under way has ended). */
  boolean pushing() {
    return !pusher.isTerminated();
  }

  /** Closes every browser's stream at once, as for one that fell behind; their pages reconnect. */
  void closeAll() {
    for (Map.Entry<SseClient, LiveBrowser> c : clients.entrySet()) {
      clients.remove(c.getKey());
      c.getValue().abort("closed by the station");
    }
  }

  private void changed(Set<String> ids) {
    long quiet = System.currentTimeMillis() + QUIET_MS;
    for (String id : ids) {
      quietAt.put(id, quiet);
    }
    changed.addAll(ids);
  }

  private void push() {
    long now = System.currentTimeMillis();
    for (Map.Entry<String, Long> e : quietAt.entrySet()) {
      if (e.getValue() <= now && quietAt.remove(e.getKey(), e.getValue())) {
        changed.add(e.getKey());
      }
    }
    if (changed.isEmpty() || clients.isEmpty()) {
      return;
    }
    Set<String> ids = new HashSet<>(changed);
    changed.removeAll(ids);
    byte[] event;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(lastEventBytes);
      out.write(EVENT_START);
      FleetJson.writeUpdate(services.fleet(), Instant.now(), ids, out);
      out.write(EVENT_END);
      event = out.toByteArray();
      lastEventBytes = event.length;
    } catch (SQLException | IOException | RuntimeException e) {
      LOG.warn("live push failed: {}", e.toString());
      changed.addAll(ids);  // sent at the next tick instead
      return;
    }
    for (Map.Entry<SseClient, LiveBrowser> c : clients.entrySet()) {
      if (c.getKey().terminated()) {
        clients.remove(c.getKey());
        c.getValue().stop();
      } else if (!c.getValue().offer(event)) {
        clients.remove(c.getKey());
        LOG.info("live stream: closed the stream of the browser at {}, {} events behind (it stopped reading or reads"
            + " too slowly); its page reconnects", c.getKey().ctx().ip(), OUTBOX_EVENTS);
        c.getValue().abort("the browser fell " + OUTBOX_EVENTS + " events behind");
      }
    }
  }

  /** Stops the pushes and the browsers' writers; waits up to 2 s for a push under way. Idempotent. */
  @Override
  public void close() {
    closed = true;
    pusher.shutdownNow();
    try {
      pusher.awaitTermination(2, TimeUnit.SECONDS);  // a push under way offers to, or aborts, the browsers below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.debug("live feed unsubscribe: {}", e.toString());
    }
    // The open streams end with the HTTP server. Completing them here (after the server stopped, when
    // the station closes its extensions) completes requests Jetty has recycled and sets Javalin's
    // exception handling on them going round without end.
    clients.values().forEach(LiveBrowser::stop);
    clients.clear();
  }
}
