package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.pi4j.ScenarioPlatform;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarm lamp, a stage of its own beside acquisition on one board: the real gateway on the
 * simulator platform, with the inverter's note limit lowered to 10 degC so that the winter yard's
 * inverters (15 degC and warming) raise it a second after their first reading. The lamp's pin
 * (BCM 26 on the reference wiring) is off before any alarm, on in the cycle the estimator reports
 * one, and off again once the gateway is closed.
 */
class AlarmLampTest {

  @Test
  void theLampLightsWithTheFirstActiveAlarmAndGoesOutAtShutdown(@TempDir Path dir) throws Exception {
    LocoLinkConfig cfg = ConfigLoader.parse("""
        locomotive: {id: KZ-LAMP-1}
        platform: simulator
        stateDir: "%s"
        devices: {driveCount: 6}
        estimation: {alarms: {limits: {INVERTER_HIGH.NOTE: 10}}}
        mqtt: {url: "tcp://127.0.0.1:%d"}
        depot: {enabled: false}
        """.formatted(dir, MosquittoBroker.freePort()), LocoLinkConfig.class);
    int pin = cfg.devices().alarmOutputPin();
    AtomicReference<Boolean> lampBeforeAlarm = new AtomicReference<>();
    AtomicReference<Boolean> lampWithAlarm = new AtomicReference<>();
    CountDownLatch raised = new CountDownLatch(1);
    try (ScenarioPlatform platform = ScenarioPlatform.open(cfg.devices(),
        Scenarios.builtIn("shunting-day").startingAt(Instant.parse("2026-01-20T06:00:00Z")), FaultPlan.none(),
        cfg.framing().samplePeriodNanos(), 100, 9)) {
      try (Gateway gateway = Gateway.start(cfg, platform, 9, live -> {
        boolean lit = platform.output(pin).orElse(false);
        if (live.estimates().highestTier().isEmpty()) {
          lampBeforeAlarm.compareAndSet(null, lit);
        } else if (lampWithAlarm.compareAndSet(null, lit)) {
          raised.countDown();
        }
      })) {
        assertTrue(raised.await(60, TimeUnit.SECONDS), "the inverter note was raised");
      }
      assertEquals(false, lampBeforeAlarm.get(), "dark while no alarm is active");
      assertEquals(true, lampWithAlarm.get(), "lit in the cycle the estimator reports an active alarm");
      assertEquals(false, platform.output(pin).orElse(false), "out once the gateway is closed");
    }
  }
}
