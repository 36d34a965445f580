package io.locolink.deploy.bench;

import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.trips.TestTrips;
import io.locolink.gateway.trips.TripStore;
import io.locolink.ground.collect.DepotClient;
import io.locolink.ground.collect.TripListing;
import io.locolink.testing.SyntheticTrip;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * The depot pull of {@link PackageStartBenchmark}: a large finished trip and the longest range of energy
 * records one request may ask for (62 days of 5-minute periods, the default {@code energyMaxRangeDays})
 * written into a gateway's state directory before it starts; the trip's log downloaded as {@code depot
 * pull} does, the whole range of energy records asked for as the ground's collection does, and the
 * longest range the JSON answer covers (7 days): the largest answers the depot server builds in memory;
 * and the heap the gateway took, read from its GC log.
 */
final class DepotPull {

  /** The identity and key of the key file the harness writes for every gateway. */
  static final String IDENTITY = "depot";
  static final String SECRET = "0123456789abcdef0123456789abcdef";

  private static final Pattern SERVING = Pattern.compile("depot server serving on [0-9.]+:(\\d+)");
  /** {@code -Xlog:gc}: {@code GC(3) Pause Young (Allocation Failure) 10M->4M(23M) 1.2ms}. */
  private static final Pattern COLLECTION = Pattern.compile("GC\\(\\d+\\) Pause (\\w+).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private DepotPull() {}

  /** The longest range one energy request may ask for, and the longest the JSON answer covers. */
  static final int RANGE_DAYS = 62;
  static final int JSON_DAYS = 7;
  private static final Instant END = Instant.now().truncatedTo(ChronoUnit.DAYS);

  /**
   * A finished trip of at least {@code bytes} in the trip store under {@code state}, and 62 days of
   * energy records (copied from {@code template}, written there the first time), where the gateway looks.
   */
  static void seed(Path state, long bytes, Path template) throws IOException {
    TripStore store = TripStore.open(TripsConfig.defaults().tripsDirectory(state), 1L << 33);
    TestTrips.writeLargeTrip(store, Instant.parse("2026-11-20T06:00:00Z"), bytes, 1);
    if (!Files.isDirectory(template)) {
      EnergyStore energy = EnergyStore.open(template, 90);
      for (Instant end = END.minus(RANGE_DAYS, ChronoUnit.DAYS).plusSeconds(300); !end.isAfter(END);
          end = end.plusSeconds(300)) {
        energy.append(SyntheticTrip.energy(end, 12_000, 3_000, 500).toByteArray(), end);
      }
    }
    Path target = Files.createDirectories(TripsConfig.defaults().energyDirectory(state));
    try (var files = Files.list(template)) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
  }

  /** Downloads the largest trip's log from the depot server named in {@code log}; what it took. */
  static String pull(Path log, Path dir) throws Exception {
    int port = port(log);
    Files.createDirectories(dir);
    try (DepotClient client = DepotClient.connect(URI.create("coaps://127.0.0.1:" + port), IDENTITY,
        SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20))) {
      TripListing trip = client.listTrips().stream().max(Comparator.comparingLong(TripListing::sizeBytes))
          .orElseThrow(() -> new IllegalStateException("no trip to pull"));
      long t0 = System.nanoTime();
      Path part = dir.resolve(trip.id() + ".part");
      client.downloadLog(trip, part, 4, (written, total) -> true);
      double logS = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      int records = client.energy(END.minus(RANGE_DAYS, ChronoUnit.DAYS), END).size();
      double energyS = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      byte[] json = client.get("/energy?from=" + END.minus(JSON_DAYS, ChronoUnit.DAYS).getEpochSecond() + "&to="
          + END.getEpochSecond(), MediaTypeRegistry.APPLICATION_JSON);
      return String.format(Locale.ROOT, "depot pull of a %,d-byte trip log in %.1f s; %,d energy records (%d days)"
          + " in %.1f s; %d days of them as JSON, %,d bytes, in %.1f s", Files.size(part), logS, records, RANGE_DAYS,
          energyS, JSON_DAYS, json.length, (System.nanoTime() - t0) / 1e9);
    }
  }

  private static int port(Path log) throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      Matcher m = SERVING.matcher(Files.readString(log));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(200);  // polling a file another process writes
    }
    throw new IllegalStateException("no depot server in " + log);
  }

  /**
   * The highest heap occupancy before a collection and after one, the highest after a full collection,
   * and the collections, from a GC log. After a young collection the old generation still holds what
   * died there since the last full collection, so only the figure after a full one is the live heap
   * (at that moment; the live heap's peak is at least that and at most the highest after any).
   */
  static String heapPeaks(Path gcLog) throws IOException {
    int before = 0;
    int after = 0;
    int afterFull = 0;
    int young = 0;
    int full = 0;
    int capacity = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = COLLECTION.matcher(line);
      if (m.find()) {
        before = Math.max(before, Integer.parseInt(m.group(2)));
        after = Math.max(after, Integer.parseInt(m.group(3)));
        capacity = Math.max(capacity, Integer.parseInt(m.group(4)));
        if (m.group(1).equals("Young")) {
          young++;
        } else {
          full++;
          afterFull = Math.max(afterFull, Integer.parseInt(m.group(3)));
        }
      }
    }
    return String.format(Locale.ROOT, "heap before a GC at most %d MiB, after one at most %d MiB, after a full one"
        + " at most %d MiB (of %d MiB); %d young, %d full collections", before, after, afterFull, capacity, young, full);
  }
}
