package io.locolink.gateway.estimation;

/**
 * Power flows of one snapshot, split by where the energy goes or comes from. Every power is
 * non-negative, in watts, and is held constant until the next snapshot (rectangle rule).
 *
 * @param consumedW battery discharge into the DC bus
 * @param regeneratedW battery charge from braking drives
 * @param depotChargeW battery charge from a depot charger (standstill, genset not running)
 * @param gensetChargeW battery charge from the genset
 * @param gensetOutputW genset electrical output
 * @param tractionW power into the traction drives while motoring
 * @param dieselIdling a diesel locomotive in this situation would be idling (key on, no traction)
 * @param measurementFault a pack voltage or current reading was flagged and the last good value held
 * @param overVoltage the pack voltage was above its cells' maximum
 * @param underVoltage the pack voltage was below its cells' cut-off with the contactors closed
 */
public record SampleFlows(
    double consumedW,
    double regeneratedW,
    double depotChargeW,
    double gensetChargeW,
    double gensetOutputW,
    double tractionW,
    boolean dieselIdling,
    boolean measurementFault,
    boolean overVoltage,
    boolean underVoltage) {

  /** No flow at all, as before the first snapshot. */
  public static SampleFlows none() {
    return new SampleFlows(0, 0, 0, 0, 0, 0, false, false, false, false);
  }
}
