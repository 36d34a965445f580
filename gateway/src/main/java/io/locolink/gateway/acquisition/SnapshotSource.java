package io.locolink.gateway.acquisition;

/**
 * Produces one {@link Snapshot} per call by reading every channel that is due. Implementations:
 * the device-backed acquisition, and in-process sources in tests.
 */
public interface SnapshotSource extends AutoCloseable {

  /**
   * Runs one acquisition cycle. Blocks for the bus time of the cycle; never throws for a sensor
   * fault (that becomes a flagged reading).
   */
  Snapshot acquire();

  @Override
  void close();
}
