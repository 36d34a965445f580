package io.locolink.gateway.devices;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The real board: a Pi4J context with auto-detected plugins (linuxfs for I2C and SPI, gpiod for
 * digital I/O) and jSerialComm for serial ports.
 */
public final class RaspberryPiPlatform implements Platform {

  private final Context pi4j;
  private final List<SerialLink> links = new ArrayList<>();

  private RaspberryPiPlatform(Context pi4j) {
    this.pi4j = pi4j;
  }

  /** Builds the Pi4J context from the plugins on the classpath. */
  public static RaspberryPiPlatform open() {
    return new RaspberryPiPlatform(Pi4J.newContextBuilder().autoDetect().build());
  }

  @Override
  public String name() {
    return RaspberryPiPlatformProvider.NAME;
  }

  @Override
  public Context pi4j() {
    return pi4j;
  }

  @Override
  public synchronized SerialLink openSerial(String device, int baud) throws BusNackException {
    SerialLink link = JSerialCommLink.open(device, baud);
    links.add(link);
    return link;
  }

  @Override
  public void pause(Duration duration) {
    LockSupport.parkNanos(duration.toNanos());
  }

  @Override
  public synchronized void close() {
    links.forEach(SerialLink::close);
    links.clear();
    pi4j.shutdown();
  }
}
