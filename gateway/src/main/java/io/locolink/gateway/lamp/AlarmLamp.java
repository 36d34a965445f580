package io.locolink.gateway.lamp;

import io.locolink.gateway.devices.AlarmOutput;
import io.locolink.gateway.devices.GpioAlarmOutput;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.estimation.Estimates;

/**
 * Drives the alarm lamp from the estimator: on while any alarm tier is active, off otherwise. The
 * output is claimed on the platform's own Pi4J context (never a context of its own, which would
 * fight acquisition for the board), off at start and switched off at close. Call {@link #show}
 * from the acquisition thread; {@link #isOn()} from any thread.
 */
public final class AlarmLamp implements AutoCloseable {

  private final AlarmOutput output;

  private AlarmLamp(AlarmOutput output) {
    this.output = output;
  }

  /**
   * Claims the lamp's output pin on {@code platform}.
   *
   * @param pin BCM pin of the lamp driver or relay (config {@code devices.alarmOutputPin})
   * @throws IllegalStateException naming the config key if the pin cannot be claimed
   */
  public static AlarmLamp open(Platform platform, int pin) {
    try {
      return new AlarmLamp(GpioAlarmOutput.open(platform, pin));
    } catch (RuntimeException e) {
      throw new IllegalStateException("devices.alarmOutputPin: cannot claim pin " + pin + ": " + e.getMessage(), e);
    }
  }

  /** A lamp on a given output (a test's, or another driver's). */
  public static AlarmLamp on(AlarmOutput output) {
    return new AlarmLamp(output);
  }

  /** Shows one cycle's estimates: lit while an alarm of any tier is active. */
  public void show(Estimates estimates) {
    output.set(estimates.highestTier().isPresent());
  }

  /** Whether the lamp is lit. */
  public boolean isOn() {
    return output.isOn();
  }

  /** Puts the lamp out and releases its pin. */
  @Override
  public void close() {
    output.close();
  }
}
