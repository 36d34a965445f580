package io.locolink.gateway.acquisition;

import java.util.Optional;

/**
 * Speed and position in one acquisition cycle.
 *
 * @param wheelSpeedKmh speed from the wheel-speed pulses, km/h
 * @param odometerM distance from the wheel-speed pulses since commissioning, metres
 * @param fix the last GNSS fix, empty when none was ever received
 * @param keyOn driver's key switch
 */
public record MotionReadings(Reading wheelSpeedKmh, double odometerM, Optional<GnssFix> fix, boolean keyOn) {}
