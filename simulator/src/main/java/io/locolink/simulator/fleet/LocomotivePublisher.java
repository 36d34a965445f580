package io.locolink.simulator.fleet;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.simulator.physics.LocomotiveState;
import java.util.Map;

/**
 * One locomotive's publishing side in fleet mode: takes the locomotive's state once per
 * acquisition cycle and gets what its gateway makes of it to the broker. The implementation here
 * runs the real gateway pipeline ({@link GatewayLocomotive}); one with a journal on disk and the
 * gateway's uplink could stand in its place.
 */
public interface LocomotivePublisher extends AutoCloseable {

  /**
   * Connects to the broker. Blocks until connected.
   *
   * @throws FleetException if the connection fails
   */
  void connect();

  /**
   * Runs one cycle on the state. Does not block on the network; called from one fleet ticker
   * thread at a time per locomotive.
   */
  void publish(LocomotiveState state);

  /** Messages handed to the broker client so far, by stream. */
  Map<StreamKind, Long> published();

  /** Messages the broker acknowledged, all streams. */
  long acknowledged();

  /** Messages that could not be handed to the client (e.g. too many in flight), all streams. */
  long refused();

  /** Disconnects and releases the client and the locomotive's devices. */
  @Override
  void close();

  /** Creates one publisher per locomotive. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param locomotiveId the locomotive's id, used in the topics and the message headers
     * @param seed the locomotive's seed (boot id, chip noise)
     * @param initial the locomotive's state before its first cycle
     */
    LocomotivePublisher create(String locomotiveId, long seed, LocomotiveState initial);
  }
}
