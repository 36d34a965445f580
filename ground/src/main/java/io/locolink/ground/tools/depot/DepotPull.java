package io.locolink.ground.tools.depot;

import io.locolink.ground.collect.DepotClient;
import io.locolink.ground.collect.DepotTransferException;
import io.locolink.ground.collect.TripListing;
import io.locolink.gateway.trips.TripStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls a gateway's finished trips into a directory: lists them, downloads the ones not yet
 * present (resuming a partial download from its {@code ID.SHA16.part} file), checks each file's
 * SHA-256 against the list, and only then renames it to {@code ID.llt}. A file under its final name
 * is always complete and verified. Not thread-safe.
 */
public final class DepotPull {

  /** What happened to one trip. */
  public enum Kind {
    DOWNLOADED,
    ALREADY_PRESENT,
    FAILED
  }

  /**
   * One trip's outcome.
   *
   * @param tripId the trip
   * @param kind what happened
   * @param bytes size of the log, bytes
   * @param resumedFromBytes bytes already on disk from an earlier, interrupted pull
   * @param detail why it failed, or empty
   */
  public record Outcome(String tripId, Kind kind, long bytes, long resumedFromBytes, String detail) {}

  private final DepotClient client;
  private final Path out;
  private final int window;
  private final long stopAfterBytes;
  private boolean acknowledge;

  /**
   * @param stopAfterBytes stop each download once this many bytes are on disk (tests of resume);
   *     {@code Long.MAX_VALUE} for no limit
   */
  public DepotPull(DepotClient client, Path out, int window, long stopAfterBytes) {
    this.client = client;
    this.out = out;
    this.window = window;
    this.stopAfterBytes = stopAfterBytes;
  }

  /**
   * After each trip is verified (downloaded or already present), tells the gateway it is collected
   * ({@code POST /trips/ID/collected} with the SHA-256), so the gateway may delete it early.
   */
  public DepotPull acknowledging() {
    this.acknowledge = true;
    return this;
  }

  /**
   * Lists the gateway's trips and pulls the missing ones, writing one line per trip to {@code log}.
   *
   * @throws DepotTransferException if the list itself cannot be fetched
   */
  public List<Outcome> run(PrintWriter log) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out, e);
    }
    List<TripListing> trips = client.listTrips();
    log.printf("gateway lists %d trip(s)%n", trips.size());
    removeStaleParts(trips, log);
    List<Outcome> outcomes = new ArrayList<>();
    for (TripListing trip : trips) {
      Outcome o = acknowledge(trip, pull(trip));
      outcomes.add(o);
      switch (o.kind()) {
        case DOWNLOADED -> log.printf("downloaded %s (%d bytes%s), SHA-256 verified%s%n", o.tripId(), o.bytes(),
            o.resumedFromBytes() > 0 ? ", resumed at byte " + o.resumedFromBytes() : "", note(o));
        case ALREADY_PRESENT -> log.printf("have %s already (SHA-256 matches)%s%n", o.tripId(), note(o));
        case FAILED -> log.printf("FAILED %s: %s%n", o.tripId(), o.detail());
      }
      log.flush();
    }
    long failed = outcomes.stream().filter(o -> o.kind() == Kind.FAILED).count();
    log.printf("%d downloaded, %d already present, %d failed%n",
        outcomes.stream().filter(o -> o.kind() == Kind.DOWNLOADED).count(),
        outcomes.stream().filter(o -> o.kind() == Kind.ALREADY_PRESENT).count(), failed);
    log.flush();
    return outcomes;
  }

  private Outcome acknowledge(TripListing trip, Outcome o) {
    if (!acknowledge || o.kind() == Kind.FAILED || trip.collected()) {
      return o;
    }
    try {
      client.acknowledge(trip);
      return new Outcome(o.tripId(), o.kind(), o.bytes(), o.resumedFromBytes(), "acknowledged");
    } catch (DepotTransferException e) {
      return new Outcome(o.tripId(), o.kind(), o.bytes(), o.resumedFromBytes(), "not acknowledged: " + e.getMessage());
    }
  }

  private Outcome pull(TripListing trip) {
    Path target = out.resolve(trip.id() + ".llt");
    Path part = out.resolve(trip.id() + "." + trip.sha256().substring(0, 16) + ".part");
    try {
      if (Files.exists(target)) {
        if (TripStore.sha256(target).equals(trip.sha256())) {
          return new Outcome(trip.id(), Kind.ALREADY_PRESENT, trip.sizeBytes(), 0, "");
        }
        Files.move(target, out.resolve(trip.id() + ".llt.differs"), StandardCopyOption.REPLACE_EXISTING);
      }
      long resumed = client.downloadLog(trip, part, window, (written, total) -> written < stopAfterBytes);
      String sha = TripStore.sha256(part);
      if (!sha.equals(trip.sha256())) {
        Files.delete(part);
        return new Outcome(trip.id(), Kind.FAILED, trip.sizeBytes(), resumed,
            "SHA-256 of the download differs from the gateway's list; partial file removed");
      }
      moveIntoPlace(part, target);
      return new Outcome(trip.id(), Kind.DOWNLOADED, trip.sizeBytes(), resumed, "");
    } catch (DepotTransferException e) {
      return new Outcome(trip.id(), Kind.FAILED, trip.sizeBytes(), 0, e.getMessage() + partNote(part));
    } catch (IOException | UncheckedIOException e) {
      return new Outcome(trip.id(), Kind.FAILED, trip.sizeBytes(), 0, "local file error: " + e.getMessage());
    }
  }

  /** Deletes partial downloads of trips the gateway no longer lists (evicted there). */
  private void removeStaleParts(List<TripListing> trips, PrintWriter log) {
    java.util.Set<String> wanted = new java.util.HashSet<>();
    for (TripListing t : trips) {
      wanted.add(t.id() + "." + t.sha256().substring(0, 16) + ".part");
    }
    try (java.util.stream.Stream<Path> files = Files.list(out)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.matches("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4}\\.[0-9a-f]{16}\\.part") && !wanted.contains(name)) {
          Files.deleteIfExists(f);
          log.printf("removed %s: the gateway no longer lists that trip%n", name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + out, e);
    }
  }

  private static String note(Outcome o) {
    return o.detail().isEmpty() ? "" : ", " + o.detail();
  }

  private static String partNote(Path part) {
    try {
      return Files.exists(part) ? " (" + Files.size(part) + " bytes kept in " + part.getFileName() + " for resume)" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private void moveIntoPlace(Path part, Path target) throws IOException {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target);
    }
    try (FileChannel dir = FileChannel.open(out, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Directory fsync is not supported everywhere; the rename itself is atomic.
    }
  }
}
