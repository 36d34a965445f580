/**
 * The Pi4J provider that serves the emulated chips: I2C, SPI, digital I/O and serial links of an
 * emulated board, and the simulated {@code Platform} the gateway opens instead of a Raspberry Pi.
 * May use {@code chips}, {@code faults}, {@code physics}, {@code scenario}, Pi4J and the gateway's
 * {@code devices} and {@code config}. Used by {@code fleet} and {@code app}.
 */
package io.locolink.simulator.pi4j;
