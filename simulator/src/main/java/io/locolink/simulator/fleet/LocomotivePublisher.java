package io.locolink.simulator.fleet;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.simulator.physics.LocomotiveState;
import java.util.Map;

/**
 * One locomotive's publishing side in fleet mode: takes the locomotive's state once per
 * acquisition cycle and gets what its gateway makes of it to the broker. The implementation here
 * runs the gateway's pipeline, journal and uplink ({@link GatewayLocomotive}).
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

  /** Messages stored for sending so far, by stream. */
  Map<StreamKind, Long> published();

  /** Messages the broker acknowledged, all streams. */
  long acknowledged();

  /** Messages the broker would not take (set aside), all streams. */
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
