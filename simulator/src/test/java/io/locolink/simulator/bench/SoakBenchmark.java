package io.locolink.simulator.bench;

import io.locolink.simulator.soak.SoakRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Issue 14's soak: the gateway working a simulated week (by default) in lockstep with faults every
 * 6 simulated hours (BMS silence, GNSS loss, a 30 s clock step, two broker outages), heap after GC
 * and the stores' sizes every simulated 6 hours, then zero loss and every energy period once.
 * Run: {@code java -cp <simulator test classpath> io.locolink.simulator.bench.SoakBenchmark [days, 7] [speed, 100]}.
 */
public final class SoakBenchmark {

  private SoakBenchmark() {}

  public static void main(String[] args) throws Exception {
    double days = args.length > 0 ? Double.parseDouble(args[0]) : 7;
    double speed = args.length > 1 ? Double.parseDouble(args[1]) : 100;
    Path dir = Files.createTempDirectory("locolink-soak");
    Duration simulated = Duration.ofSeconds(Math.round(days * 86_400));
    SoakRun.Result r = new SoakRun(dir, simulated, speed, Duration.ofHours(6), Duration.ofHours(6),
        line -> System.out.println("  " + line)).run();
    System.out.printf(Locale.ROOT, "%n%s simulated at %.0fx in %.1f min of wall time (%.1fx achieved)%n", simulated,
        speed, r.wallMs() / 60_000.0, simulated.toMillis() / (double) r.wallMs());
    System.out.println("| simulated | wall (min) | heap after GC (MB) | journal (MB) | trip store (MB) | energy archive (kB) |");
    System.out.println("|---|---|---|---|---|---|");
    for (SoakRun.Sample s : r.samples()) {
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.2f | %.1f |%n", s.simulated(), s.wallMs() / 60_000.0,
          s.heapUsedBytes() / 1e6, s.journalBytes() / 1e6, s.tripBytes() / 1e6, s.energyArchiveBytes() / 1e3);
    }
    System.out.printf(Locale.ROOT, "%nmessages received %d, last sequence appended %d, missing %d; energy periods %d"
        + " (%d marked clock set), problems %s; alarm events %d; broker outages %d%n", r.received(),
        r.lastSequenceAppended(), r.missingSequences(), r.periods(), r.clockSetPeriods(),
        r.periodProblems().isEmpty() ? "none" : r.periodProblems(), r.alarms(), r.brokerOutages());
    System.out.printf(Locale.ROOT, "limits: journal %.1f MB, trip store %.1f MB%n", SoakRun.JOURNAL_LIMIT_BYTES / 1e6,
        SoakRun.TRIP_LIMIT_BYTES / 1e6);
  }
}
