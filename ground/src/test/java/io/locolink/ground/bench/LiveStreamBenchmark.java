package io.locolink.ground.bench;

import io.locolink.ground.api.ApiServer;
import io.locolink.ground.api.LiveFeed;
import io.locolink.ground.api.StationServices;
import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.store.HistoryQueries;
import io.locolink.ground.store.RecordQueries;
import io.locolink.ground.store.StationDatabase;
import io.locolink.ground.web.Dashboard;
import io.locolink.ground.web.Role;
import io.locolink.ground.web.UserStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dashboard's live stream ({@code GET /api/v1/live}) under a big fleet and many browsers (not
 * part of the test run): PostgreSQL holds {@link FleetBenchmark}'s full store of N locomotives; the
 * station announces C of them as changed ten times a second (as its ingest does after each batch),
 * and B browsers, stood in for by plain HTTP clients holding the stream open and reading every byte,
 * receive the stream's one event a second. After a warm-up, for a measured time: the CPU a tick of
 * the stream's own thread ({@code dashboard-live}: query, JSON, and in a station that writes to the
 * browsers on that thread the writing), of the virtual threads' carriers ({@code ForkJoinPool-N-worker},
 * where a station that writes to each browser on a virtual thread of its own does the writing), of
 * Jetty's threads, of this whole JVM (the server and the clients reading) and of PostgreSQL; the
 * bytes each browser received a tick; the ticks each received. The classes under test are those on
 * the class path, so the same harness runs against another build of the station's classes.
 *
 * <p>Arguments: {@code [locomotives] [changed a tick] [browsers] [warm-up s] [measured s]} (default
 * 4,000, 4,000, 10, 15, 30).
 */
public final class LiveStreamBenchmark {

  private LiveStreamBenchmark() {}

  public static void main(String[] args) throws Exception {
    int locos = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    int changed = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
    int browsers = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int warmUpS = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    int measuredS = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    System.out.printf("# LiveStreamBenchmark %s, %d cores, load average %s, station classes from %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip(),
        Dashboard.class.getProtectionDomain().getCodeSource().getLocation());
    Path dir = Files.createTempDirectory("live-bench");
    Dashboard dashboard = new Dashboard(Dashboard.Settings.loopback("127.0.0.1", 0), InstantSource.system());
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata"))
        .setOverrideWorkingDirectory(dir.resolve("pgbin").toFile()).start();
        StationDatabase db = StationDatabase.server(pg.getJdbcUrl("postgres", "postgres"), "postgres", null)) {
      FleetBenchmark.fill(db.dataSource(), locos, System.currentTimeMillis() / 1000 * 1000 - 5_000, true);
      new UserStore(db.dataSource()).add("bench", Role.ADMIN, "bench password 1".toCharArray(), false);
      LiveFeed feed = new LiveFeed();
      StationServices services = new StationServices(db.dataSource(), new FleetQueries(db.dataSource()),
          new HistoryQueries(db.dataSource()), new RecordQueries(db.dataSource()), feed, Map::of);
      try (ApiServer api = ApiServer.start("127.0.0.1", 0, services, List.of(dashboard))) {
        String base = "http://127.0.0.1:" + api.port();
        String cookie = logIn(base);
        List<Browser> clients = new ArrayList<>();
        for (int i = 0; i < browsers; i++) {
          clients.add(Browser.open(base, cookie, i));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int l = 0; l < changed; l++) {
          ids.add(String.format("FL-%04d", l));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread feeder = Thread.ofPlatform().name("bench-feeder").start(() -> {
          while (!stop.get()) {
            feed.publish(ids);
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
        Thread.sleep(warmUpS * 1000L);
        Measure before = Measure.take(dir.resolve("pgdata"), clients);
        Thread.sleep(measuredS * 1000L);
        Measure after = Measure.take(dir.resolve("pgdata"), clients);
        stop.set(true);
        feeder.join();
        long ticks = after.events[0] - before.events[0];
        long minTicks = Long.MAX_VALUE;
        long maxTicks = 0;
        long bytes = 0;
        long minEvent = Long.MAX_VALUE;
        long maxEvent = 0;
        for (int i = 0; i < browsers; i++) {
          long t = after.events[i] - before.events[i];
          minTicks = Math.min(minTicks, t);
          maxTicks = Math.max(maxTicks, t);
          bytes += after.bytes[i] - before.bytes[i];
          minEvent = Math.min(minEvent, clients.get(i).lastEventBytes);
          maxEvent = Math.max(maxEvent, clients.get(i).lastEventBytes);
        }
        System.out.printf("%n%,d locomotives, %,d changed a tick, %d browsers, %d s measured after %d s; "
            + "load average at the end %s%n", locos, changed, browsers, measuredS, warmUpS,
            Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("| ticks (each browser) | CPU a tick: stream thread | virtual threads' carriers | Jetty's "
            + "threads | whole JVM (server and browsers) | PostgreSQL | bytes a browser a tick | the last event's bytes |"
            + "%n|---|---|---|---|---|---|---|---|%n");
        System.out.printf("| %d (%d-%d) | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %,d | %,d-%,d |%n", ticks,
            minTicks, maxTicks,
            (after.streamNs - before.streamNs) / 1e6 / ticks, (after.carriersNs - before.carriersNs) / 1e6 / ticks,
            (after.jettyNs - before.jettyNs) / 1e6 / ticks,
            (after.cpu.jvmNs() - before.cpu.jvmNs()) / 1e6 / ticks,
            (after.cpu.postgresNs() - before.cpu.postgresNs()) / 1e6 / ticks, bytes / browsers / Math.max(1, ticks),
            minEvent, maxEvent);
      }
    } finally {
      dashboard.close();
    }
    System.exit(0);
  }

  private static String logIn(String base) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"bench\",\"password\":\"bench password 1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("log-in: HTTP " + r.statusCode() + " " + r.body());
    }
    return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  /** A browser's stream: a thread reading it to its end, counting bytes and events (an event ends with a blank line). */
  private static final class Browser {
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    /** The size of the last whole event, its blank line included. */
    volatile long lastEventBytes;

    static Browser open(String base, String cookie, int n) throws Exception {
      HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
          + "/api/v1/live")).header("Cookie", cookie).header("Accept", "text/event-stream").build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("live stream: HTTP " + r.statusCode());
      }
      Browser b = new Browser();
      Thread.ofPlatform().daemon().name("bench-browser-" + n).start(() -> b.read(r.body()));
      return b;
    }

    private void read(InputStream in) {
      byte[] buf = new byte[65_536];
      byte last = 0;
      long eventBytes = 0;
      try (in) {
        for (int n; (n = in.read(buf)) > 0; ) {
          bytes.addAndGet(n);
          for (int i = 0; i < n; i++) {
            eventBytes++;
            if (buf[i] == '\n' && last == '\n') {
              lastEventBytes = eventBytes;
              eventBytes = 0;
              events.incrementAndGet();
            }
            last = buf[i];
          }
        }
      } catch (Exception e) {
        // the server stopped
      }
    }
  }

  /** The counters at one moment. */
  private record Measure(CpuMeter.Sample cpu, long streamNs, long carriersNs, long jettyNs, long[] bytes,
      long[] events) {

    static Measure take(Path pgdata, List<Browser> clients) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long stream = 0;
      long carriers = 0;
      long jetty = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        long ns = Math.max(0, threads.getThreadCpuTime(t.threadId()));
        if (t.getName().equals("dashboard-live")) {
          stream += ns;
        } else if (t.getName().matches("ForkJoinPool-\\d+-worker-\\d+")) {
          carriers += ns;
        } else if (t.getName().startsWith("JettyServerThreadPool")) {
          jetty += ns;
        }
      }
      long[] bytes = new long[clients.size()];
      long[] events = new long[clients.size()];
      for (int i = 0; i < clients.size(); i++) {
        events[i] = clients.get(i).events.get();
        bytes[i] = clients.get(i).bytes.get();
      }
      return new Measure(CpuMeter.sample(pgdata), stream, carriers, jetty, bytes, events);
    }
  }
}
