package io.locolink.gateway.devices;

import com.pi4j.context.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * Where the drivers' buses come from: a Pi4J context for I2C, SPI and GPIO, serial links for
 * RS-485 and GNSS, and a way to wait for a conversion. A Raspberry Pi and the simulator are two
 * implementations; the drivers cannot tell them apart.
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

  /** The UTC clock the gateway stamps readings with: the system clock, or an emulation's own time. */
  default InstantSource utc() {
    return InstantSource.system();
  }

  /** The monotonic clock, nanoseconds, that the gateway integrates over. */
  default LongSupplier monotonicNanos() {
    return System::nanoTime;
  }

  /** Platform seconds per wall second: 1 on hardware, more when an emulation runs faster than real time. */
  default double timeScale() {
    return 1;
  }

  /** Shuts the Pi4J context down and closes every serial link opened through this platform. */
  @Override
  void close();
}
