package io.locolink.gateway.depot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.gateway.trips.TripRecorder;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.testing.SyntheticTrip.State;
import io.locolink.testing.SyntheticTrip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A gateway's trip store with a few synthetic trips, a key file and a running depot server. */
public final class DepotFixture implements AutoCloseable {

  public static final String IDENTITY = "depot-almaty";
  public static final String SECRET = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seQ==";
  static final long S = 1_000_000_000L;
  /** Reads the server's JSON answers as a depot client does (the server writes them without data binding). */
  static final ObjectMapper JSON = new ObjectMapper();

  public final Path dir;
  public final TripRecorder recorder;
  public final EnergyStore energy;
  public final List<FinishedTrip> trips = new ArrayList<>();
  public final Path keyFile;
  public final DepotServer server;

  public DepotFixture(Path dir, int trips, int secondsPerTrip, DepotConfig base) throws IOException {
    this.dir = dir;
    TripsConfig tc = TripsConfig.defaults().withDirectory(dir.resolve("store"));
    this.recorder = TripRecorder.open(tc,
        start -> new HeaderFields("TEST-001", 0, 0, start, ClockQuality.UNSYNCED));
    this.energy = EnergyStore.open(tc.energyDirectory(null), tc.energyRetentionDays());
    Instant day = Instant.parse("2026-11-20T06:00:00Z");
    for (int i = 0; i < trips; i++) {
      this.trips.add(runTrip(recorder, energy, day.plusSeconds(i * 86_400L), i * 100_000L * S, secondsPerTrip));
    }
    this.keyFile = writeKeyFile(dir.resolve("depot-psk"), "# depot keys\n" + IDENTITY + ":" + SECRET + "\nother:"
        + "b3RoZXItZGVwb3Qta2V5LTEyMzQ1Njc4\n");
    this.server = DepotServer.create(base.with(keyFile, "127.0.0.1", 0, 0), recorder.store(), energy,
        Clock.systemUTC());
    server.start();
  }

  public static Path writeKeyFile(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /**
   * Feeds one trip of {@code seconds} through the recorder, one cycle a second, as the pipeline
   * does: an energy record every 300 s goes into the archive and the trip's log.
   */
  public static FinishedTrip runTrip(TripRecorder recorder, EnergyStore archive, Instant start, long startNanos,
      int seconds) {
    Random noise = new Random(start.getEpochSecond());
    for (int t = 0; t <= seconds; t++) {
      double speed = t < seconds / 2 ? Math.min(60, t * 0.5) : Math.max(0, 60 - (t - seconds / 2) * 0.5);
      State s = new State(true, speed, 700 - t * 0.01, speed > 0 ? 150 + noise.nextInt(50) : -30, speed * 2, 25, 70,
          80 - t * 0.005);
      double odo = t * speed / 3.6;
      List<EnergyRecord> energy = t % 300 == 299
          ? List.of(SyntheticTrip.energy(start.plusSeconds(t + 1), 1000 + t, 100, 50)) : List.of();
      for (EnergyRecord e : energy) {
        archive.append(e.toByteArray(), start.plusSeconds(t + 1));
      }
      recorder.onCycle(SyntheticTrip.cycle(SyntheticTrip.snapshot(startNanos + t * S, start.plusSeconds(t), s, odo, 0),
          SyntheticTrip.estimates(s), SyntheticTrip.frame(t, start.plusSeconds(t), s, odo, noise), energy, List.of()));
    }
    return recorder.finishNow().orElseThrow();
  }

  public String plainBase() {
    return "coap://127.0.0.1:" + server.plainAddress().orElseThrow().getPort();
  }

  public java.net.URI coapsUri() {
    return java.net.URI.create("coaps://127.0.0.1:" + server.dtlsAddress().getPort());
  }

  public Path logFile(FinishedTrip trip) {
    return dir.resolve("store").resolve("trips").resolve(trip.info().id() + ".llt");
  }

  @Override
  public void close() {
    server.close();
    recorder.close();
  }
}
