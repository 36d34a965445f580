package io.locolink.simulator.fleet;

import io.locolink.simulator.physics.LocomotiveState;

/**
 * One locomotive's publishing pipeline in fleet mode: takes the locomotive's state once per
 * frame period and gets it to the broker. The first implementation builds a telemetry frame and
 * publishes it with Paho; a full gateway pipeline per locomotive can stand in its place.
 */
public interface LocomotivePublisher extends AutoCloseable {

  /**
   * Connects to the broker. Blocks until connected.
   *
   * @throws FleetException if the connection fails
   */
  void connect();

  /**
   * Publishes one frame built from the state. Does not block on the network; called from one
   * fleet ticker thread at a time per locomotive.
   */
  void publish(LocomotiveState state);

  /** Frames the broker acknowledged. */
  long acknowledged();

  /** Frames that could not be handed to the client (e.g. too many in flight). */
  long refused();

  /** Disconnects and releases the client. */
  @Override
  void close();

  /** Creates one publisher per locomotive. */
  @FunctionalInterface
  interface Factory {
    /** @param locomotiveId the locomotive's id, used in the topic and the frame header */
    LocomotivePublisher create(String locomotiveId);
  }
}
