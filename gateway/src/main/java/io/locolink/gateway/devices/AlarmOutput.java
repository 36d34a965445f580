package io.locolink.gateway.devices;

/**
 * The cab's alarm lamp or relay. The alarm stage drives it from the highest active tier.
 * Implementations are thread-safe.
 */
public interface AlarmOutput extends AutoCloseable {

  /** Switches the lamp or relay on or off; cheap to call with an unchanged value. */
  void set(boolean on);

  /** The state last set. */
  boolean isOn();

  @Override
  void close();
}
