package io.locolink.gateway.uplink;

/**
 * Sends what the journal holds to the ground and removes each record once the ground's broker
 * acknowledged it, setting aside what it refuses again and again. The one implementation is the
 * {@link SendPolicy}; {@link Uplinks} builds it on the transport the configuration asks for (MQTT
 * over Paho, or in process).
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()}. Link listeners run on the uplink's
 * own thread and must not block.
 */
public interface Uplink extends AutoCloseable {

  /** Starts connecting in the background; returns at once. */
  void start();

  /** Registers a listener for link changes; call before {@link #start()} to see every change. */
  void addLinkListener(LinkListener listener);

  /**
   * Asks for the retained status to be published again soon because something it reports changed
   * (the depot server started serving, say), instead of at the next periodic refresh. Returns at
   * once; any thread. Without a retained status (in process) it does nothing.
   */
  default void statusChanged() {}

  /** The latest link event. */
  LinkEvent link();

  /** Messages set aside because the other side refused them, kept on disk (this run's and earlier runs'). */
  long setAsideCount();

  /**
   * Stops sending, marks the locomotive offline on the broker when still connected, disconnects
   * and stops every thread it started. Blocks up to a few seconds. Records not yet acknowledged
   * stay in the journal.
   */
  @Override
  void close();
}
