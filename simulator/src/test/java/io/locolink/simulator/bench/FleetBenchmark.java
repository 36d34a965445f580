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
 * Fleet mode against a private local Mosquitto: N simulated locomotives, each running the
 * gateway's pipeline, its own journal and the gateway's uplink (1 telemetry frame/s, QoS 1), and
 * N plain Paho publishers of the same payload size as the anchor, for a fixed time; prints what
 * the ground counted and the machine's load average before and after. Run as a main class on the
 * simulator's test classpath: {@code FleetBenchmark <seconds> <chips|direct> <spec> ...} where a
 * spec {@code N} runs the N plain publishers alone and then the N locomotives alone (two phases of
 * one run, each with its own fresh broker, so each side has the machine that N senders need), and
 * {@code N:P} runs N locomotives with P plain publishers beside them at the same time. The
 * journals go to a temporary directory, or under the directory named by the system property
 * {@code locolink.fleet.stateDir} (e.g. a tmpfs, so that thousands of journals' syncs do not queue
 * on one shared disk). Every sender publishes for a warm-up first ({@code locolink.fleet.warmUpS},
 * default 10 s): its messages are counted, not timed, while the JIT compiles the hot paths.
 */
public final class FleetBenchmark {

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(args[0]);
    Acquisition acquisition = Acquisition.parse(args[1]);
    for (int k = 2; k < args.length; k++) {
      String[] spec = args[k].split(":");
      int n = Integer.parseInt(spec[0]);
      if (spec.length > 1) {
        int plain = Integer.parseInt(spec[1]);
        Phase both = run(seconds, acquisition, n, plain);
        FleetReport r = both.report();
        System.out.printf("| %d | %s | %d beside | %d B | %s | %d / %d | %d / %d ms | %s | %d / %d ms | %s | %.0f %% | %d MB |%n",
            n, acquisition.label(), plain, r.frameBytes(), r.locomotivesComplete() ? "all" : "MISSING",
            r.ground().gaps(), r.refused(), r.ground().p50Ms(), r.ground().p99Ms(),
            r.plainComplete() ? "all" : "MISSING", r.plain().p50Ms(), r.plain().p99Ms(), both.load(), r.cpuPercent(),
            r.residentMb());
      } else {
        Phase anchor = run(seconds, acquisition, 0, n);
        Phase locos = run(seconds, acquisition, n, 0);
        FleetReport p = anchor.report();
        FleetReport r = locos.report();
        System.out.printf("| %d | %s | %d alone, before | %d B | %s | %d / %d | %d / %d ms | %s | %d / %d ms | %s; %s"
            + " | %.0f %%; %.0f %% | %d MB; %d MB |%n",
            n, acquisition.label(), n, r.frameBytes(), r.locomotivesComplete() ? "all" : "MISSING", r.ground().gaps(),
            r.refused(), r.ground().p50Ms(), r.ground().p99Ms(), p.plainComplete() ? "all" : "MISSING",
            p.plain().p50Ms(), p.plain().p99Ms(), locos.load(), anchor.load(), r.cpuPercent(), p.cpuPercent(),
            r.residentMb(), p.residentMb());
      }
    }
  }

  /** One fleet run and the load average around it. */
  private record Phase(FleetReport report, String load) {}

  private static Phase run(long seconds, Acquisition acquisition, int n, int plain) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      String root = System.getProperty("locolink.fleet.stateDir");
      Path stateDir = root == null ? null : Files.createTempDirectory(Path.of(root), "fleet-" + n + "-");
      FleetOptions options = new FleetOptions(broker.url(), n, plain, Duration.ofSeconds(seconds), "shunting-day", 1, 4,
          acquisition, stateDir, Duration.ofSeconds(Long.getLong("locolink.fleet.warmUpS", 10)));
      String loadBefore = loadAverage();
      long t0 = System.nanoTime();
      FleetReport r = new Fleet(options, InstantSource.system()).run();
      double wall = (System.nanoTime() - t0) / 1e9;
      String loadAfter = loadAverage();
      System.out.println("N=" + n + ", plain " + plain + " (warm-up " + options.warmUp().toSeconds() + " s, wall "
          + Math.round(wall) + " s), journals in "
          + (stateDir == null ? "a temporary directory" : stateDir) + "; load average before: " + loadBefore
          + ", after: " + loadAfter);
      if (stateDir != null) {
        delete(stateDir);
      }
      System.out.println(r.summary());
      return new Phase(r, loadBefore.split(" ")[0] + " → " + loadAfter.split(" ")[0]);
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
