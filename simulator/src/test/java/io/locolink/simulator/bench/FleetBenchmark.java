package io.locolink.simulator.bench;

import io.locolink.simulator.fleet.Acquisition;
import io.locolink.simulator.fleet.Fleet;
import io.locolink.simulator.fleet.FleetOptions;
import io.locolink.simulator.fleet.FleetReport;
import io.locolink.testing.MosquittoBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.time.InstantSource;

/**
 * Fleet mode against a private local Mosquitto: for each N given, N simulated locomotives, each
 * running the gateway's pipeline, its own journal and the gateway's uplink (1 telemetry frame/s,
 * QoS 1), beside N plain Paho publishers of the same payload size, for a fixed time; prints what
 * the ground counted and the machine's load average before and after. Run as a main class on the
 * simulator's test classpath: {@code FleetBenchmark <seconds> <chips|direct> <N>[:<plain>] ...}
 * (plain publishers default to N). A fresh broker per run. The journals go to a temporary
 * directory, or under the directory named by the system property {@code locolink.fleet.stateDir}
 * (e.g. a tmpfs, so that thousands of journals' syncs do not queue on one shared disk).
 */
public final class FleetBenchmark {

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(args[0]);
    Acquisition acquisition = Acquisition.parse(args[1]);
    for (int k = 2; k < args.length; k++) {
      String[] spec = args[k].split(":");
      int n = Integer.parseInt(spec[0]);
      int plain = spec.length > 1 ? Integer.parseInt(spec[1]) : n;
      try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
        String root = System.getProperty("locolink.fleet.stateDir");
        Path stateDir = root == null ? null : Files.createTempDirectory(Path.of(root), "fleet-" + n + "-");
        FleetOptions options = new FleetOptions(broker.url(), n, plain, Duration.ofSeconds(seconds), "shunting-day", 1, 4,
            acquisition, stateDir);
        String loadBefore = loadAverage();
        long t0 = System.nanoTime();
        FleetReport r = new Fleet(options, InstantSource.system()).run();
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.println("N=" + n + ", plain " + plain + " (wall " + Math.round(wall) + " s), journals in "
            + (stateDir == null ? "a temporary directory" : stateDir) + "; load average before: " + loadBefore
            + ", after: " + loadAverage());
        if (stateDir != null) {
          delete(stateDir);
        }
        System.out.println(r.summary());
        System.out.printf("| %d | %s | %d | %d B | %s | %d / %d | %d / %d ms | %s | %d / %d ms | %.0f %% | %d MB |%n", n,
            acquisition.label(), plain, r.frameBytes(), r.locomotivesComplete() ? "all" : "MISSING", r.ground().gaps(),
            r.refused(), r.ground().p50Ms(), r.ground().p99Ms(), r.plainComplete() ? "all" : "MISSING",
            r.plain().p50Ms(), r.plain().p99Ms(), r.cpuPercent(), r.residentMb());
      }
    }
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg. */
  private static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static void delete(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
