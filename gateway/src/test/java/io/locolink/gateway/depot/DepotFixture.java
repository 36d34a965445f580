package io.locolink.gateway.depot;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.gateway.trips.TripRecorder;
import io.locolink.proto.v1.Header;
import io.locolink.testing.SyntheticTrip;
import io.locolink.testing.SyntheticTrip.State;
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

  public final Path dir;
  public final TripRecorder recorder;
  public final List<FinishedTrip> trips = new ArrayList<>();
  public final Path keyFile;
  public final DepotServer server;

  public DepotFixture(Path dir, int trips, int secondsPerTrip, DepotConfig base) throws IOException {
    this.dir = dir;
    this.recorder = TripRecorder.open(TripsConfig.defaults().withDirectory(dir.resolve("store")),
        start -> Header.newBuilder().setLocomotiveId("TEST-001").setTimeUnixMs(start.toEpochMilli()).build());
    Instant day = Instant.parse("2026-11-20T06:00:00Z");
    for (int i = 0; i < trips; i++) {
      this.trips.add(runTrip(recorder, day.plusSeconds(i * 86_400L), i * 100_000L * S, secondsPerTrip));
    }
    this.keyFile = writeKeyFile(dir.resolve("depot-psk"), "# depot keys\n" + IDENTITY + ":" + SECRET + "\nother:"
        + "b3RoZXItZGVwb3Qta2V5LTEyMzQ1Njc4\n");
    this.server = DepotServer.create(base.with(keyFile, "127.0.0.1", 0, 0), recorder.store(), recorder.energyStore(),
        Clock.systemUTC());
    server.start();
  }

  public static Path writeKeyFile(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  public static FinishedTrip runTrip(TripRecorder recorder, Instant start, long startNanos, int seconds) {
    Random noise = new Random(start.getEpochSecond());
    for (int t = 0; t <= seconds; t++) {
      double speed = t < seconds / 2 ? Math.min(60, t * 0.5) : Math.max(0, 60 - (t - seconds / 2) * 0.5);
      State s = new State(true, speed, 700 - t * 0.01, speed > 0 ? 150 + noise.nextInt(50) : -30, speed * 2, 25, 70,
          80 - t * 0.005);
      double odo = t * speed / 3.6;
      recorder.onSnapshot(SyntheticTrip.snapshot(startNanos + t * S, start.plusSeconds(t), s, odo, 0),
          SyntheticTrip.estimates(s));
      recorder.onFrame(SyntheticTrip.frame(t, start.plusSeconds(t), s, odo, noise));
      if (t % 300 == 299) {
        recorder.onEnergy(SyntheticTrip.energy(start.plusSeconds(t + 1), 1000 + t, 100, 50));
      }
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
