package io.locolink.gateway.devices;

import com.pi4j.context.Context;
import java.time.Duration;

/**
 * Where the drivers' buses come from: a Pi4J context for I2C, SPI and GPIO, serial links for
 * RS-485 and GNSS, a way to wait for a conversion, and the {@link SampleClock} the samples are
 * taken on. A Raspberry Pi and the simulator are two implementations; the drivers cannot tell them
 * apart.
 */
public interface Platform extends AutoCloseable {

  /** The name this platform is selected by in config (root key {@code platform}). */
  String name();

  /** The Pi4J context whose providers serve I2C, SPI and digital I/O. */
  Context pi4j();

  /**
   * Opens a serial device, e.g. {@code /dev/ttyAMA0}, 8N1 at {@code baud}.
   *
   * @throws BusNackException if the port does not exist or cannot be opened
   */
  SerialLink openSerial(String device, int baud) throws BusNackException;

  /**
   * Waits for a device to finish a conversion. On real hardware this sleeps; an emulated platform
   * advances its own bus clock instead. Blocks the calling thread.
   */
  void pause(Duration duration);

  /**
   * The clock the gateway samples on. The platform owns it because only the platform knows how its
   * world moves: on hardware the world moves by itself, so this is {@link SampleClock#system} (system
   * UTC and {@link System#nanoTime()}, one cycle every sample period); an emulation supplies its
   * simulated time and steps its simulation one sample period between two samples (lockstep), so
   * samples stay evenly spaced however fast it runs. Whoever runs the acquisition cycles asks for it
   * once and calls {@link SampleClock#advance()} between cycles; nothing else may advance it.
   *
   * @param samplePeriodNanos time between two samples, nanoseconds, > 0; an emulation opened for a
   *     given period refuses another
   */
  default SampleClock sampleClock(long samplePeriodNanos) {
    return SampleClock.system(samplePeriodNanos);
  }

  /** Shuts the Pi4J context down and closes every serial link opened through this platform. */
  @Override
  void close();
}
