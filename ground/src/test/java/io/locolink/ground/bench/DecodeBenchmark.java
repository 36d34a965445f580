package io.locolink.ground.bench;

import io.locolink.ground.ingest.MessageDecoder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The station's decoding alone (not part of the test run): a main class on the ground module's test
 * class path. {@link MessageDecoder} turns {@link StationBenchmark}'s frames (the gateway's own
 * encoding of 10 samples a second, 216 cells) into store rows on one thread, as Paho's callback thread
 * does in the station, without a broker or a database; each round prints the thread's CPU time and the
 * bytes it allocated per frame, then the median of the rounds after the warm-up. The same source runs
 * against another build's classes, so two builds compare side by side.
 *
 * <p>Arguments: {@code [locomotives] [framesPerLocomotive] [warmUps] [measured]} (default 4,000 × 10, 20
 * warm-up rounds, 10 measured).
 */
public final class DecodeBenchmark {

  private DecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int locos = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
    int perLoco = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int measured = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    System.out.printf("# DecodeBenchmark %s, load average %s%n", Instant.now(),
        Files.readString(Path.of("/proc/loadavg")).strip());
    List<String> topics = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    for (int s = 1; s <= perLoco; s++) {
      for (int l = 0; l < locos; l++) {
        String loco = String.format("KZ-%04d", l);
        topics.add("locolink/v1/" + loco + "/telemetry");
        payloads.add(StationBenchmark.frame(loco, s, StationBenchmark.T0 + s * 1000L).toByteArray());
      }
    }
    int n = payloads.size();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().threadId();
    MessageDecoder decoder = new MessageDecoder(262_144);
    double[] cpu = new double[measured];
    double[] bytes = new double[measured];
    long accepted = 0;
    for (int r = 0; r < warmUps + measured; r++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long alloc0 = threads.getThreadAllocatedBytes(self);
      for (int i = 0; i < n; i++) {
        if (decoder.decode(topics.get(i), payloads.get(i), 0L) instanceof MessageDecoder.Accepted) {
          accepted++;
        }
      }
      double cpuUs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
      double allocB = (double) (threads.getThreadAllocatedBytes(self) - alloc0) / n;
      if (r >= warmUps) {
        cpu[r - warmUps] = cpuUs;
        bytes[r - warmUps] = allocB;
      }
      System.out.printf("%s round %d: %.2f µs of CPU and %.0f B allocated a frame%n",
          r < warmUps ? "warm-up" : "measured", r + 1, cpuUs, allocB);
    }
    if (accepted != (long) n * (warmUps + measured)) {
      throw new IllegalStateException("only " + accepted + " frames accepted");
    }
    Arrays.sort(cpu);
    Arrays.sort(bytes);
    System.out.printf("%d frames a round (%d B each); median of %d rounds: %.2f µs of CPU (%.2f–%.2f), %.0f B "
        + "allocated a frame%n", n, payloads.getFirst().length, measured, cpu[measured / 2], cpu[0],
        cpu[measured - 1], bytes[measured / 2]);
  }
}
