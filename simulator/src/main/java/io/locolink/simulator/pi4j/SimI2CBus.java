package io.locolink.simulator.pi4j;

import com.pi4j.io.i2c.I2CBusBase;
import com.pi4j.io.i2c.I2CConfig;

/** One emulated I2C bus: Pi4J's bus lock serialises the transactions of the chips on it. */
final class SimI2CBus extends I2CBusBase {

  SimI2CBus(I2CConfig config) {
    super(config);
  }

  @Override
  public <R> R execute(com.pi4j.io.i2c.I2C i2c, java.util.concurrent.Callable<R> action) {
    return _execute(i2c, action);
  }
}
