package io.locolink.ground.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.locolink.ground.api.StationServices;
import io.locolink.ground.store.FleetEntry;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * {@code fleet} event (the same fields as {@code /api/v1/fleet}). One query and one serialisation
 * per second however many browsers listen. Runs its own daemon thread; {@link #close()} stops it
 * (the streams themselves end when the HTTP server stops).
 */
final class LiveStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
  static final long PERIOD_MS = 1000;

  private final StationServices services;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService pusher;
  private final AutoCloseable subscription;

  LiveStream(StationServices services) {
    this.services = services;
    this.subscription = services.live().subscribe(changed::addAll);
    this.pusher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("dashboard-live")
        .daemon().unstarted(r));
    pusher.scheduleAtFixedRate(this::push, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** Keeps a browser's stream open until it goes away. Called on a Jetty thread. */
  void accept(SseClient client) {
    clients.add(client);
    client.onClose(() -> clients.remove(client));
    client.sendComment("connected");
    client.keepAlive();
  }

  int clients() {
    return clients.size();
  }

  private void push() {
    if (changed.isEmpty() || clients.isEmpty()) {
      return;
    }
    Set<String> ids = new HashSet<>(changed);
    changed.removeAll(ids);
    try {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (FleetEntry e : services.fleet().snapshot(Instant.now())) {
        if (ids.contains(e.locomotive())) {
          rows.add(e.toJson());
        }
      }
      String data = json.writeValueAsString(Map.of("time", Instant.now().toString(), "locomotives", rows));
      for (SseClient c : clients) {
        if (c.terminated()) {
          clients.remove(c);
        } else {
          c.sendEvent("fleet", data);
        }
      }
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      LOG.warn("live push failed: {}", e.toString());
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
