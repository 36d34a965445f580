package io.locolink.ground.web;

import io.javalin.http.sse.SseClient;
import io.locolink.ground.api.FleetJson;
import io.locolink.ground.api.StationServices;
import io.locolink.ground.store.FleetQueries;
import jakarta.servlet.http.HttpServletResponse;
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
 * The live stream of the pages ({@code GET /api/v1/live}, Server-Sent Events): once a second, the
 * fleet entries of the locomotives whose stored state changed since the last push, as one
 * {@code fleet} event (the same fields as {@code /api/v1/fleet}), and of those that went quiet: a
 * locomotive is sent once more when its last change is {@link FleetQueries#STALE_AFTER} (and a margin)
 * old, so that a page shows it stale without a reload. Each second, one query of only
 * those locomotives' rows, written straight into the event's bytes, and the same bytes written to
 * every browser. Runs its own daemon thread, which also does the writing, blocking (as Javalin's own
 * sending does: a browser that stops reading holds up the others once its connection's buffers are
 * full); {@link #close()} stops it (the streams themselves end when the HTTP server stops).
 */
final class LiveStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
  static final long PERIOD_MS = 1000;
  /** From a locomotive's last change to when it is sent again: stale by then, with two periods to spare. */
  private static final long QUIET_MS = FleetQueries.STALE_AFTER.toMillis() + 2 * PERIOD_MS;
  private static final byte[] EVENT_START = "event: fleet\ndata: ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

  private final StationServices services;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  /** When each locomotive that changed is sent again if nothing more comes (epoch ms). */
  private final Map<String, Long> quietAt = new ConcurrentHashMap<>();
  private final ScheduledExecutorService pusher;
  private final AutoCloseable subscription;
  private int lastEventBytes = 4096;

  LiveStream(StationServices services) {
    this.services = services;
    this.subscription = services.live().subscribe(this::changed);
    this.pusher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("dashboard-live")
        .daemon().unstarted(r));
    pusher.scheduleAtFixedRate(this::push, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** Keeps a browser's stream open until it goes away. Called on a Jetty thread. */
  void accept(SseClient client) {
    client.sendComment("connected");  // before the pusher can write to it: one writer at a time
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.keepAlive();
  }

  int clients() {
    return clients.size();
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
    for (SseClient c : clients) {
      if (c.terminated()) {
        clients.remove(c);
      } else {
        send(c, event);
      }
    }
  }

  /**
   * Writes an event's bytes to a browser's response, as Javalin's {@code sendEvent} would write its
   * text (one {@code data} line: the JSON has no line breaks), without encoding it again for each
   * browser. A failed write closes the client, as Javalin does.
   */
  private static void send(SseClient client, byte[] event) {
    try {
      HttpServletResponse response = client.ctx().res();
      response.getOutputStream().write(event);
      response.flushBuffer();
    } catch (IOException | RuntimeException e) {
      LOG.debug("live stream of a browser ended: {}", e.toString());
      client.close();
    }
  }

  @Override
  public void close() {
    pusher.shutdownNow();
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.debug("live feed unsubscribe: {}", e.toString());
    }
    // The open streams end with the HTTP server. Closing them here, after the server stopped (the order
    // in which the station closes its extensions), completes requests Jetty has recycled and set
    // Javalin's exception handling on them going round without end.
    clients.clear();
  }
}
