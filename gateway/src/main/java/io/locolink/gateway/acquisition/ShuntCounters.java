package io.locolink.gateway.acquisition;

/**
 * The pack shunt monitor's own accumulators, for cross-checking the gateway's integration. They
 * count from the chip's power-up (or its last reset), not from the gateway's start.
 *
 * @param energyJ energy through the shunt, joules, summed over |power| (charge and discharge both add)
 * @param chargeC charge through the shunt, coulombs, positive when discharging
 * @param dieTemperatureC the monitor's die temperature, degrees Celsius
 * @param monotonicNanos the gateway's monotonic clock when they were read
 */
public record ShuntCounters(double energyJ, double chargeC, double dieTemperatureC, long monotonicNanos) {}
