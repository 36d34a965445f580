package io.locolink.ground.bench;

import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.depot.DepotBench;
import io.locolink.gateway.depot.DepotServer;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TestTrips;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripStore;
import io.locolink.ground.collect.CollectionStore;
import io.locolink.ground.collect.DepotClient;
import io.locolink.ground.collect.DepotCollector;
import io.locolink.ground.collect.DepotEndpoint;
import io.locolink.ground.collect.DepotKeyStore;
import io.locolink.ground.collect.LogStore;
import io.locolink.ground.store.StationDatabase;
import io.locolink.ground.tools.depot.DepotPull;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.californium.core.config.CoapConfig;

/**
 * Depot collection benchmark (issue 12), printed as Markdown for BENCHMARKS.md: N depot servers on
 * loopback (DTLS-PSK, one trip of M MiB each); first one {@code depot pull} of one gateway (the
 * anchor), then the station's collector pulling all N in parallel into the log store with the index
 * in an embedded PostgreSQL; aggregate MB/s of each, and the station's used heap after a full GC
 * before and after the collection. Run as a main class on the ground test class path with a quiet
 * logback configuration: {@code DepotCollectionBenchmark [locomotives=10] [MiB=20]}.
 */
public final class DepotCollectionBenchmark {

  static final String SECRET = "YmVuY2htYXJrLWtleS1iZW5jaG1hcmsta2V5";

  public static void main(String[] args) throws Exception {
    int locos = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long mib = args.length > 1 ? Long.parseLong(args[1]) : 20;
    Path base = Files.createTempDirectory("collect-bench");
    List<DepotServer> servers = new ArrayList<>();
    try {
      Map<String, DepotEndpoint> endpoints = new LinkedHashMap<>();
      long total = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < locos; i++) {
        Path gw = base.resolve("gw" + i);
        TripsConfig tc = TripsConfig.defaults().withDirectory(gw);
        TripStore store = TripStore.open(tc.tripsDirectory(null), 1L << 33);
        TripInfo trip = TestTrips.writeLargeTrip(store, Instant.parse("2026-11-20T06:00:00Z").plusSeconds(i),
            mib << 20, i + 1);
        total += trip.sizeBytes();
        DepotServer server = DepotBench.server(gw, store, EnergyStore.open(tc.energyDirectory(null), 60), SECRET, true,
            CoapConfig.NO_DEDUPLICATOR);
        servers.add(server);
        String loco = "KZ-BENCH-" + i;
        endpoints.put(loco, new DepotEndpoint(loco, "127.0.0.1", server.dtlsAddress().getPort(), List.of("bench")));
      }
      System.out.printf("setup: %d gateways with one %d MiB trip each (%.1f s)%n", locos, mib,
          (System.nanoTime() - t0) / 1e9);

      // Anchor: one depot pull of one gateway, as depot staff run it (4 blocks in flight).
      DepotEndpoint first = endpoints.values().iterator().next();
      long a0 = System.nanoTime();
      try (DepotClient client = DepotClient.connect(first.uri(), "bench", SECRET.getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(20))) {
        new DepotPull(client, base.resolve("pull"), 4, Long.MAX_VALUE).run(new PrintWriter(new StringWriter()));
      }
      double singleS = (System.nanoTime() - a0) / 1e9;
      long one = total / locos;

      Path keys = Files.createDirectories(base.resolve("keys"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.writeString(keys.resolve("bench"), SECRET + "\n");
      Files.setPosixFilePermissions(keys.resolve("bench"), PosixFilePermissions.fromString("rw-------"));
      try (StationDatabase db = StationDatabase.embedded(base.resolve("db"));
          DepotCollector collector = new DepotCollector(() -> endpoints, new DepotKeyStore(keys),
              new LogStore(base.resolve("station")), new CollectionStore(db.dataSource()),
              new DepotCollector.Settings(Duration.ofHours(1), locos, 4, Duration.ofSeconds(20), Duration.ofDays(1)),
              Clock.systemUTC())) {
        long heapBefore = usedAfterGc();
        long c0 = System.nanoTime();
        List<DepotCollector.Result> results = collector.collectNow();
        double allS = (System.nanoTime() - c0) / 1e9;
        long heapAfter = usedAfterGc();
        long ok = results.stream().filter(r -> r.ok() && r.tripsCollected() == 1).count();
        System.out.println();
        System.out.println("| run | data | time | throughput |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| one `depot pull` (anchor), 1 gateway | %.1f MB | %.2f s | %.1f MB/s |%n", one / 1e6,
            singleS, one / 1e6 / singleS);
        System.out.printf("| station collector, %d gateways in parallel (%d collected and verified) | %.1f MB |"
            + " %.2f s | %.1f MB/s aggregate |%n", locos, ok, total / 1e6, allS, total / 1e6 / allS);
        System.out.printf("%nstation heap (used after full GC): %.1f MiB before the collection, %.1f MiB after"
            + " (max heap %.0f MiB)%n", heapBefore / 1048576.0, heapAfter / 1048576.0,
            Runtime.getRuntime().maxMemory() / 1048576.0);
      }
    } finally {
      servers.forEach(DepotServer::close);
      try (Stream<Path> walk = Files.walk(base)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
