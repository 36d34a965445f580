/**
 * The Pi4J provider that serves the emulated chips: I2C, SPI, digital I/O and serial links of an
 * emulated board, and the simulated {@code Platform} the gateway opens instead of a Raspberry Pi:
 * {@code ScenarioPlatform} plays a scenario behind the board and supplies the gateway's sample
 * clock, a {@code LockstepClock} that steps the simulation one sample period between two samples.
 * May use {@code chips}, {@code faults}, {@code physics}, {@code scenario}, Pi4J and the gateway's
 * {@code devices}, {@code config} and {@code storage} (the atomic replace of the simulated clock's
 * file). Used by {@code fleet} and {@code app}.
 */
package io.locolink.simulator.pi4j;
