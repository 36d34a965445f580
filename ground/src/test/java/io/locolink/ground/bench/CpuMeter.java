package io.locolink.ground.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM, by the broker (a child process named {@code mosquitto}) and by
 * a PostgreSQL server (its postmaster, from the data directory's {@code postmaster.pid}, and every
 * process the postmaster started: backends, WAL writer, checkpointer). Read from {@code /proc}, in
 * the kernel's clock ticks of 10 ms for the other processes; a process that exits between two
 * samples takes its time with it, so sample while the processes that matter are running.
 */
final class CpuMeter {

  /** Linux's USER_HZ on every architecture it runs on: ticks in {@code /proc/PID/stat} are 10 ms. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** CPU time of the three, in nanoseconds. */
  record Sample(long jvmNs, long brokerNs, long postgresNs) {

    /** CPU microseconds per item of each since {@code before}: JVM, broker, PostgreSQL. */
    double[] microsPerItem(Sample before, long items) {
      return new double[] {(jvmNs - before.jvmNs) / 1e3 / items, (brokerNs - before.brokerNs) / 1e3 / items,
          (postgresNs - before.postgresNs) / 1e3 / items};
    }
  }

  private CpuMeter() {}

  /** Samples now; {@code pgdata} null for no PostgreSQL. */
  static Sample sample(Path pgdata) {
    return new Sample(jvmNs(), brokerNs(), pgdata == null ? 0 : postgresNs(pgdata));
  }

  /** CPU ticks of each thread of this JVM (the JVM's own too: compiler, garbage collector), by name and id. */
  static java.util.Map<String, Long> threads() {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String s = Files.readString(t.resolve("stat"));
          String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
          String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
          out.put(name + "#" + t.getFileName(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** The threads' CPU since {@code before}, summed by name (numbers cut off), as shares of {@code wallNs}, over 2 %. */
  static String busiestThreads(java.util.Map<String, Long> before, long wallNs) {
    java.util.Map<String, Long> byName = new java.util.TreeMap<>();
    threads().forEach((k, v) -> byName.merge(k.substring(0, k.lastIndexOf('#')).replaceAll("[0-9]+$", "").strip(),
        v - before.getOrDefault(k, 0L), Long::sum));
    return byName.entrySet().stream().filter(e -> e.getValue() * NANOS_PER_TICK > wallNs / 50)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .map(e -> String.format("%s %.0f %%", e.getKey(), 100.0 * e.getValue() * NANOS_PER_TICK / wallNs))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  static long jvmNs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long brokerNs() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("mosquitto")).orElse(false))
        .mapToLong(p -> ticks(p.pid())).sum() * NANOS_PER_TICK;
  }

  private static long postgresNs(Path pgdata) {
    long postmaster;
    try {
      postmaster = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).getFirst().strip());
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    long ticks = ticks(postmaster);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && parentOf(Long.parseLong(name)) == postmaster) {
          ticks += ticks(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks * NANOS_PER_TICK;
  }

  /** The fields of {@code /proc/PID/stat} after the command name, or null if the process is gone. */
  private static String[] stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long parentOf(long pid) {
    String[] f = stat(pid);
    return f == null ? -1 : Long.parseLong(f[1]);
  }

  /** User plus system ticks of the process; 0 if it is gone. */
  private static long ticks(long pid) {
    String[] f = stat(pid);
    return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
