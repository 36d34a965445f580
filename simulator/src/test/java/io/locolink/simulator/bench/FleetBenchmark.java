package io.locolink.simulator.bench;

import io.locolink.simulator.fleet.Fleet;
import io.locolink.simulator.fleet.FleetOptions;
import io.locolink.simulator.fleet.FleetReport;
import io.locolink.testing.MosquittoBroker;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Fleet mode against a private local Mosquitto: for each N given, N simulated locomotives
 * (1 telemetry frame/s each, QoS 1) beside N plain Paho publishers of the same payload size, for
 * a fixed time; prints what the ground counted. Run as a main class on the simulator's test
 * classpath: {@code FleetBenchmark <seconds> <N>[:<plain>] ...} (plain publishers default to N).
 * A fresh broker per run.
 */
public final class FleetBenchmark {

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(args[0]);
    for (int k = 1; k < args.length; k++) {
      String[] spec = args[k].split(":");
      int n = Integer.parseInt(spec[0]);
      int plain = spec.length > 1 ? Integer.parseInt(spec[1]) : n;
      try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
        FleetOptions options = new FleetOptions(broker.url(), n, plain, Duration.ofSeconds(seconds), "shunting-day", 1, 4);
        long t0 = System.nanoTime();
        FleetReport r = new Fleet(options, InstantSource.system()).run();
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.println("N=" + n + ", plain " + plain + " (wall " + Math.round(wall) + " s)");
        System.out.println(r.summary());
        System.out.printf("| %d | %d | %d B | %s | %d / %d | %d / %d ms | %s | %d / %d ms | %d MB |%n", n, plain, r.frameBytes(),
            r.telemetryComplete() ? "all" : "MISSING", r.telemetry().gaps(), r.telemetryRefused(),
            r.telemetry().p50Ms(), r.telemetry().p99Ms(), r.plainComplete() ? "all" : "MISSING",
            r.plain().p50Ms(), r.plain().p99Ms(), r.residentMb());
      }
    }
  }
}
