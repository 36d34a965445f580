package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.devices.SampleClock;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.journal.JournalException;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.pi4j.ForwardingSampleClock;
import io.locolink.simulator.pi4j.LockstepClock;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acquisition samples while the gateway is still starting: the real gateway on the simulator platform, in
 * lockstep at 5 times real time, with a real Mosquitto. Its clock holds the start's own readings of the time
 * (the status, the uplink) until acquisition has taken 25 samples, so those are taken before the broker
 * connection, the trip store and the energy store exist. Every one of them reaches the journal and the
 * ground: the frames, in the order of their sequence numbers, hold every sample from the scenario's first
 * instant on, 100 ms apart, none missing and none twice.
 */
class SamplingDuringStartTest {

  private static final int HELD_FOR_SAMPLES = 25;
  private static final int CHECKED_SAMPLES = 60;

  @Test
  void samplesTakenWhileTheGatewayStartsAreJournalledAndPublishedInOrder(@TempDir Path dir) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      LocoLinkConfig cfg = ConfigLoader.parse("""
          locomotive: {id: KZ-EARLY-1}
          platform: simulator
          stateDir: "%s"
          devices: {driveCount: 6}
          mqtt: {url: "%s"}
          depot: {enabled: false}
          """.formatted(dir, broker.url()), LocoLinkConfig.class);
      long period = cfg.framing().samplePeriodNanos();
      Scenario scenario = LockstepClock.steppedForSampling(
          Scenarios.builtIn("shunting-day").startingAt(Instant.now().truncatedTo(ChronoUnit.SECONDS)), period);
      Instant first = scenario.initial().startUtc();
      List<Instant> expected = IntStream.range(0, CHECKED_SAMPLES).mapToObj(i -> first.plusMillis(100L * i)).toList();

      Map<Long, DecodedFrame> frames = new ConcurrentSkipListMap<>();  // by sequence
      CountDownLatch enough = new CountDownLatch(1);
      MqttClient ground = new MqttClient(broker.url(), "ground-early", new MemoryPersistence());
      ground.connect();
      ground.subscribe("locolink/v1/KZ-EARLY-1/telemetry", 1, (t, m) -> {
        DecodedFrame frame = TelemetryFrameDecoder.decode(m.getPayload());
        frames.put(frame.sequence(), frame);
        if (firstSampleTimes(frames).equals(expected)) {
          enough.countDown();  // frames sent after the connection's first may come later: wait for all of them
        }
      });

      HoldingClock clock;
      try (ScenarioRunner runner = ScenarioRunner.create(scenario, 13);
          SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 13)) {
        clock = new HoldingClock(LockstepClock.paced(runner, period, 5));
        try (Gateway gateway = Gateway.start(cfg, platform, clock, 13, live -> {})) {
          enough.await(60, TimeUnit.SECONDS);
        }
      }
      ground.disconnect();
      ground.close();

      assertTrue(clock.heldReadings.get() > 0, "the start read the time while acquisition was sampling, and waited");
      assertEquals(0, clock.heldTooLong.get(), "each wait ended with the 25th sample, not on the time-out");
      assertEquals(expected, firstSampleTimes(frames),
          "by sequence number, the frames at the ground hold every sample from the scenario's first instant, 100 ms apart");
    }
  }

  @Test
  void aJournalThatCannotBeOpenedStopsTheStartAndTheSamplingItBegan(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("journal"), "a file where the journal's directory belongs");
    LocoLinkConfig cfg = ConfigLoader.parse("""
        locomotive: {id: KZ-EARLY-2}
        platform: simulator
        stateDir: "%s"
        devices: {driveCount: 6}
        mqtt: {url: "tcp://127.0.0.1:%d"}
        depot: {enabled: false}
        """.formatted(dir, MosquittoBroker.freePort()), LocoLinkConfig.class);
    long period = cfg.framing().samplePeriodNanos();
    Scenario scenario = LockstepClock.steppedForSampling(
        Scenarios.builtIn("shunting-day").startingAt(Instant.parse("2026-11-25T06:00:00Z")), period);
    try (ScenarioRunner runner = ScenarioRunner.create(scenario, 17);
        SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 17)) {
      LockstepClock clock = LockstepClock.paced(runner, period, 5);
      JournalException e = assertThrows(JournalException.class, () -> Gateway.start(cfg, platform, clock, 17, live -> {}));
      assertTrue(e.getMessage().contains("journal"), "the error names the journal: " + e.getMessage());
      assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(
          t -> t.getName().equals("acquisition-KZ-EARLY-2") && t.isAlive()), "no acquisition thread is left running");
    }
  }

  /** The first {@link #CHECKED_SAMPLES} samples' times of {@code frames}, in the order of the frames' sequence numbers. */
  private static List<Instant> firstSampleTimes(Map<Long, DecodedFrame> frames) {
    List<Instant> times = new ArrayList<>();
    for (DecodedFrame frame : frames.values()) {
      for (long offset : frame.sampleOffsetMs()) {
        times.add(Instant.ofEpochMilli(frame.timeUnixMs() + offset));
      }
    }
    return times.subList(0, Math.min(CHECKED_SAMPLES, times.size()));
  }

  /**
   * A lockstep clock whose UTC, read by any thread but acquisition's, waits until acquisition has taken
   * {@link #HELD_FOR_SAMPLES} samples (at most 30 s: a gateway that wired everything before sampling waits
   * that long, and fails the test).
   */
  private static final class HoldingClock extends ForwardingSampleClock {
    private final CountDownLatch sampled = new CountDownLatch(HELD_FOR_SAMPLES);
    final AtomicInteger heldReadings = new AtomicInteger();
    final AtomicInteger heldTooLong = new AtomicInteger();

    HoldingClock(SampleClock clock) {
      super(clock);
    }

    @Override
    public InstantSource utc() {
      return () -> {
        if (sampled.getCount() > 0 && !Thread.currentThread().getName().startsWith("acquisition-")) {
          heldReadings.incrementAndGet();
          try {
            if (!sampled.await(30, TimeUnit.SECONDS)) {
              heldTooLong.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return clock.utc().instant();
      };
    }

    @Override
    public void advance() {
      clock.advance();
      sampled.countDown();
    }
  }
}
