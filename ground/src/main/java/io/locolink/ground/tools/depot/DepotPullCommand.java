package io.locolink.ground.tools.depot;

import io.locolink.gateway.depot.KeyFileException;
import io.locolink.gateway.depot.PskKeyFile;
import io.locolink.ground.collect.DepotClient;
import io.locolink.ground.collect.DepotTransferException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code locolink depot pull}: downloads a gateway's new trip logs over CoAP/DTLS-PSK, or with
 * {@code --all FILE} those of every gateway in a list, several at once, each into {@code OUT/NAME},
 * ending with one summary. Exit code 0 when every listed trip is present and verified, 1 when some
 * trip or gateway failed, 2 on a usage, list or key problem.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "List a gateway's trips and download the new ones (resumable, SHA-256 verified);"
        + " --all FILE does so for many gateways in parallel.")
public final class DepotPullCommand implements Callable<Integer> {

  @Mixin GatewayOptions target;

  @Option(names = "--all", paramLabel = "GATEWAYS_FILE",
      description = "Pull from every gateway in FILE: lines 'NAME coaps://HOST[:PORT] IDENTITY KEY_FILE'.")
  Path all;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory for the trip logs (with --all: one subdirectory per NAME).")
  Path out;

  @Option(names = "--window", defaultValue = "4", description = "Block requests in flight (default ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--parallel", defaultValue = "8", description = "Gateways pulled at once with --all (default ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--acknowledge", description = "Tell each gateway which trips are collected (after the SHA-256 check),"
      + " so it may delete them before its store runs full.")
  boolean acknowledge;

  @Spec CommandSpec spec;

  /**
   * One gateway's result.
   *
   * @param name the gateway's NAME (or its URI for a single pull)
   * @param outcomes one per listed trip; empty when the gateway could not be listed
   * @param error why the gateway could not be listed or reached; null when it was
   * @param seconds wall time of this gateway's pull
   */
  record GatewayResult(String name, List<DepotPull.Outcome> outcomes, String error, double seconds) {
    long count(DepotPull.Kind kind) {
      return outcomes.stream().filter(o -> o.kind() == kind).count();
    }

    long downloadedBytes() {
      return outcomes.stream().filter(o -> o.kind() == DepotPull.Kind.DOWNLOADED)
          .mapToLong(o -> o.bytes() - o.resumedFromBytes()).sum();
    }

    boolean ok() {
      return error == null && count(DepotPull.Kind.FAILED) == 0;
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (window < 1 || window > 64) {
      err.println("--window must be 1..64");
      return 2;
    }
    if ((all == null) == (target.gateway == null)) {
      err.println("give either --gateway (with --identity and --key-file) or --all GATEWAYS_FILE");
      return 2;
    }
    return all == null ? single() : many();
  }

  private int single() {
    PrintWriter err = spec.commandLine().getErr();
    if (!target.complete()) {
      err.println("--gateway needs --identity and --key-file");
      return 2;
    }
    byte[] key;
    try {
      key = PskKeyFile.keyFor(target.keyFile, target.identity);
    } catch (KeyFileException e) {
      err.println("key file: " + e.getMessage());
      return 2;
    }
    try (DepotClient client = DepotClient.connect(target.gateway, target.identity, key,
        Duration.ofSeconds(target.timeoutS))) {
      List<DepotPull.Outcome> outcomes = pull(client, out).run(spec.commandLine().getOut());
      return outcomes.stream().anyMatch(o -> o.kind() == DepotPull.Kind.FAILED) ? 1 : 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (DepotTransferException e) {
      err.println("cannot list trips: " + e.getMessage());
      return 1;
    }
  }

  private int many() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter log = spec.commandLine().getOut();
    if (parallel < 1 || parallel > 256) {
      err.println("--parallel must be 1..256");
      return 2;
    }
    GatewaysFile list;
    try {
      list = GatewaysFile.read(all);
    } catch (java.nio.file.NoSuchFileException e) {
      err.println("cannot read " + all + ": no such file");
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + all + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, list.entries().size()));
    List<Future<GatewayResult>> futures = new ArrayList<>();
    try {
      for (GatewaysFile.Entry e : list.entries()) {
        futures.add(pool.submit(() -> pullOne(e, log)));
      }
      List<GatewayResult> results = new ArrayList<>();
      for (Future<GatewayResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a gateway's pull failed unexpectedly", e.getCause());
        }
      }
      summary(log, results, (System.nanoTime() - t0) / 1e9);
      return results.stream().allMatch(GatewayResult::ok) ? 0 : 1;
    } finally {
      pool.shutdownNow();
    }
  }

  private GatewayResult pullOne(GatewaysFile.Entry e, PrintWriter log) {
    long t0 = System.nanoTime();
    StringWriter buffer = new StringWriter();
    List<DepotPull.Outcome> outcomes = List.of();
    String error = null;
    try (DepotClient client = DepotClient.connect(e.gateway(), e.identity(), PskKeyFile.keyFor(e.keyFile(), e.identity()),
        Duration.ofSeconds(target.timeoutS))) {
      outcomes = pull(client, out.resolve(e.name())).run(new PrintWriter(buffer));
    } catch (KeyFileException | IllegalArgumentException | DepotTransferException ex) {
      error = ex.getMessage();
    } catch (RuntimeException ex) {
      error = ex.toString();
    }
    synchronized (log) {
      for (String line : buffer.toString().split("\\R")) {
        if (!line.isEmpty()) {
          log.println("[" + e.name() + "] " + line);
        }
      }
      if (error != null) {
        log.println("[" + e.name() + "] FAILED: " + error);
      }
      log.flush();
    }
    return new GatewayResult(e.name(), outcomes, error, (System.nanoTime() - t0) / 1e9);
  }

  private DepotPull pull(DepotClient client, Path dir) {
    DepotPull pull = new DepotPull(client, dir, window, Long.MAX_VALUE);
    return acknowledge ? pull.acknowledging() : pull;
  }

  static void summary(PrintWriter log, List<GatewayResult> results, double seconds) {
    log.println();
    log.printf("%-20s %6s %10s %8s %7s %10s %8s  %s%n", "gateway", "trips", "downloaded", "present", "failed",
        "MB", "s", "result");
    long bytes = 0;
    for (GatewayResult r : results) {
      bytes += r.downloadedBytes();
      log.printf("%-20s %6d %10d %8d %7d %10.1f %8.1f  %s%n", r.name(), r.outcomes().size(),
          r.count(DepotPull.Kind.DOWNLOADED), r.count(DepotPull.Kind.ALREADY_PRESENT), r.count(DepotPull.Kind.FAILED),
          r.downloadedBytes() / 1e6, r.seconds(), r.error() != null ? "FAILED: " + r.error()
              : r.ok() ? "ok" : "some trips failed");
    }
    long unreachable = results.stream().filter(r -> r.error() != null).count();
    log.printf("%d gateway(s), %d ok, %d not reached; %d trip(s) downloaded, %d already present, %d failed;"
        + " %.1f MB in %.1f s (%.1f MB/s)%n", results.size(), results.stream().filter(GatewayResult::ok).count(),
        unreachable, results.stream().mapToLong(r -> r.count(DepotPull.Kind.DOWNLOADED)).sum(),
        results.stream().mapToLong(r -> r.count(DepotPull.Kind.ALREADY_PRESENT)).sum(),
        results.stream().mapToLong(r -> r.count(DepotPull.Kind.FAILED)).sum(), bytes / 1e6, seconds,
        seconds > 0 ? bytes / 1e6 / seconds : 0);
    log.flush();
  }
}
