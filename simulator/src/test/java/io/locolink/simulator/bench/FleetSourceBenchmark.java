package io.locolink.simulator.bench;

import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.app.GatewayPipeline;
import io.locolink.gateway.app.Outbox;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.simulator.fleet.Acquisition;
import io.locolink.simulator.fleet.LocomotivePipeline;
import io.locolink.simulator.physics.VehicleSpec;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.simulator.scenario.ScenarioRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU cost of one fleet locomotive per simulated second, on one thread without the network:
 * physics alone, then physics plus the gateway pipeline (estimator, encoders, an outbox that only
 * counts) on each snapshot source. {@code FleetSourceBenchmark <locomotives> <seconds>}; every
 * locomotive steps 1 s and runs one 1 Hz gateway cycle per round, as in fleet mode.
 */
public final class FleetSourceBenchmark {

  private FleetSourceBenchmark() {}

  public static void main(String[] args) {
    int locomotives = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    for (String mode : new String[] {"physics", "direct", "chips", "physics", "direct", "chips"}) {
      double us = run(mode, locomotives, seconds);
      System.out.printf("%-8s %6.0f us CPU per locomotive per second (%d locomotives x %d s)%n", mode, us,
          locomotives, seconds);
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static double run(String mode, int locomotives, int seconds) {
    Scenario scenario = Scenarios.builtIn("shunting-day").startingAt(Instant.parse("2026-11-25T06:00:00Z"));
    VehicleSpec vehicle = scenario.vehicleSpec();
    InstantSource clock = InstantSource.system();
    List<ScenarioRunner> runners = new ArrayList<>();
    List<SnapshotSource> sources = new ArrayList<>();
    List<GatewayPipeline> pipelines = new ArrayList<>();
    long[] bytes = new long[1];
    System.gc();
    long heap0 = usedHeap();
    long setup0 = System.nanoTime();
    for (int i = 0; i < locomotives; i++) {
      ScenarioRunner runner = ScenarioRunner.create(scenario, i);
      runner.advance(60);
      runners.add(runner);
      if (!mode.equals("physics")) {
        SnapshotSource source = Acquisition.parse(mode).open(runner::latest, vehicle, clock, i);
        sources.add(source);
        Outbox counting = new Outbox() {
          private long sequence;

          @Override
          public long nextSequence() {
            return ++sequence;
          }

          @Override
          public void append(StreamKind kind, long sequence, byte[] payload) {
            bytes[0] += payload.length;
          }
        };
        pipelines.add(LocomotivePipeline.create("loco-" + i, i, source, vehicle, counting));
      }
    }
    double setupMs = (System.nanoTime() - setup0) / 1e6 / locomotives;
    System.gc();
    double heapKb = (usedHeap() - heap0) / 1024.0 / locomotives;
    System.out.printf("%-8s set-up %.2f ms and %.0f KB heap per locomotive%n", mode, setupMs, heapKb);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    for (int s = 0; s < seconds; s++) {
      for (int i = 0; i < locomotives; i++) {
        runners.get(i).advance(1.0);
        if (!pipelines.isEmpty()) {
          pipelines.get(i).tick();
        }
      }
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    sources.forEach(SnapshotSource::close);
    runners.forEach(ScenarioRunner::close);
    return cpu / 1e3 / ((double) locomotives * seconds);
  }
}
