package io.locolink.gateway.acquisition;

/**
 * The diesel genset of a hybrid locomotive in one acquisition cycle.
 *
 * @param running engine running
 * @param engineRpm engine speed, rpm
 * @param powerKw electrical output, kilowatts
 * @param fuelFlowLph fuel flow, litres per hour (from the flow meter's pulses)
 * @param fuelUsedL fuel counter since the gateway's commissioning, litres
 * @param coolantC engine coolant, degrees Celsius
 */
public record GensetReadings(
    boolean running,
    Reading engineRpm,
    Reading powerKw,
    Reading fuelFlowLph,
    double fuelUsedL,
    Reading coolantC) {}
