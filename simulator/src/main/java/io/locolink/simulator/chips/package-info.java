/**
 * Emulated chips: register maps and serial protocols of the INA228, ADS1115, MAX31865, the Modbus
 * BMS and an NMEA GNSS source, answering from the physics state as the real parts would by their
 * datasheets, with faults applied. May use {@code physics}, {@code faults} and the gateway's
 * {@code devices} and {@code config} (register maps, codecs). Used by {@code pi4j}.
 */
package io.locolink.simulator.chips;
