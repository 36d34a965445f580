/**
 * Fault injection: a plan of faults (BMS silence, stuck or drifting sensors, bus NACKs, GNSS loss
 * and jumps) by time and target, and the injector the emulated chips consult on every access,
 * seeded so a run is reproducible. May use {@code physics} and {@code scenario}. Used by {@code
 * chips}, {@code pi4j}, {@code fleet} and {@code app}.
 */
package io.locolink.simulator.faults;
