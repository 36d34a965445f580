/**
 * Chip drivers: the INA228, ADS1115, MAX31865, the Modbus RTU BMS, the NMEA GNSS receiver, pulse
 * counters, digital switches and the alarm lamp's output, each decoding raw bytes in one place,
 * behind a {@code Platform} that opens the buses and owns the {@code SampleClock} samples are taken
 * on (the system clock on hardware, lockstep with the simulation on the simulator). The only
 * onboard code that imports Pi4J and jSerialComm; knows nothing of MQTT or protobuf. May use
 * {@code config}. Used by {@code acquisition}, by {@code lamp} (the alarm output), by {@code app}
 * (the platform) and by the simulator, which serves emulated chips behind the same Pi4J interfaces.
 */
package io.locolink.gateway.devices;
