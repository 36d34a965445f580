package io.locolink.simulator.bench;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.pi4j.TestLocomotive;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark, not a test: CPU time of acquisition cycles (the gateway's drivers plus the in-process
 * chip emulation behind them) and the bus time the same transactions take on real buses at the
 * configured speeds (I2C 400 kHz, SPI 1 MHz, RS-485 115200 Bd; ADS1115 conversions at 860 SPS).
 * Three measurements at 10 Hz: fast cycles only (shunt, drive currents, DC links, pulse counters);
 * the reference schedule (slow channels once a second, the BMS over three cycles); and one full
 * acquisition of every channel (one second of operation less its nine fast-only cycles). Run: see
 * BENCHMARKS.md.
 */
public final class AcquisitionBench {

  private record Result(double cpuMedianMs, double cpuMeanMs, double cpuP99Ms, double busMedianMs, double busMeanMs,
      double busMaxMs, double secondCpuMedianMs, double secondBusMedianMs) {}

  private AcquisitionBench() {}

  public static void main(String[] args) {
    int drives = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    DevicesConfig reference = DevicesConfig.withDrives(drives, false);
    System.out.printf(Locale.ROOT, "drives=%d cells=%d cycles=%d%n", drives, reference.pack().cellsInSeries(), cycles);
    Result fast = measure(reference.withSlowPeriodMs(60_000), drives, cycles);
    print("fast cycles only", fast);
    Result schedule = measure(reference, drives, cycles);
    print("reference schedule", schedule);
    // every channel exactly once: one second of operation less the nine fast-only cycles in it
    System.out.printf(Locale.ROOT, "%-22s CPU %.3f ms, bus %.1f ms%n", "every channel once",
        schedule.secondCpuMedianMs() - 9 * fast.cpuMedianMs(), schedule.secondBusMedianMs() - 9 * fast.busMedianMs());
    System.out.printf(Locale.ROOT, "%-22s CPU median %.3f ms, bus %.1f ms per second of operation%n",
        "one second at 10 Hz", schedule.secondCpuMedianMs(), schedule.secondBusMedianMs());
  }

  private static Result measure(DevicesConfig config, int drives, int cycles) {
    TestLocomotive loco = new TestLocomotive(config.pack().cellsInSeries(), drives);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (SimulatedPlatform platform = new SimulatedPlatform(config, loco, FaultInjector.none(), 1);
        DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, platform.simulatedUtc(),
            platform.simulatedNanos())) {
      for (int i = 0; i < 5_000; i++) { // warm-up
        loco.advance(0.1);
        acquisition.acquire();
      }
      long[] cpu = new long[cycles];
      long[] bus = new long[cycles];
      for (int i = 0; i < cycles; i++) {
        loco.advance(0.1);
        long bus0 = platform.busClock().nanos();
        long cpu0 = threads.getCurrentThreadCpuTime();
        acquisition.acquire();
        cpu[i] = threads.getCurrentThreadCpuTime() - cpu0;
        bus[i] = platform.busClock().nanos() - bus0;
      }
      long[] secondCpu = new long[cycles / 10];
      long[] secondBus = new long[cycles / 10];
      for (int i = 0; i < secondCpu.length * 10; i++) {
        secondCpu[i / 10] += cpu[i];
        secondBus[i / 10] += bus[i];
      }
      Arrays.sort(secondCpu);
      Arrays.sort(secondBus);
      double cpuMean = Arrays.stream(cpu).average().orElse(0) / 1e6;
      double busMean = Arrays.stream(bus).average().orElse(0) / 1e6;
      Arrays.sort(cpu);
      Arrays.sort(bus);
      return new Result(cpu[cycles / 2] / 1e6, cpuMean, cpu[(int) (cycles * 0.99)] / 1e6, bus[cycles / 2] / 1e6,
          busMean, bus[cycles - 1] / 1e6, secondCpu[secondCpu.length / 2] / 1e6, secondBus[secondBus.length / 2] / 1e6);
    }
  }

  private static void print(String name, Result r) {
    System.out.printf(Locale.ROOT,
        "%-22s CPU median %.3f, mean %.3f, p99 %.3f ms; bus median %.1f, mean %.1f, max %.1f ms per cycle%n",
        name, r.cpuMedianMs(), r.cpuMeanMs(), r.cpuP99Ms(), r.busMedianMs(), r.busMeanMs(), r.busMaxMs());
  }
}
