/**
 * Acquisition: reads the devices on a schedule of channels at their own rates, applies calibration
 * and plausibility checks (range, rate of change, stuck value, bus error) and turns every read
 * into a {@code Reading} with quality flags; a failed read is a flagged sample, never a silent
 * zero. Produces one {@code Snapshot} per cycle with the clocks and device health. May use {@code
 * devices} and {@code config}. Used by {@code estimation}, {@code framing}, {@code trips}, {@code
 * depot} (live battery) and {@code app}, and by the simulator's fleet mode.
 */
package io.locolink.gateway.acquisition;
