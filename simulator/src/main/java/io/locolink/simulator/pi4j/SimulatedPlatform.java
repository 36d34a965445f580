package io.locolink.simulator.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.BusNackException;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.SerialLink;
import io.locolink.simulator.chips.BmsModbusSlave;
import io.locolink.simulator.chips.GnssNmeaSource;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultKind;
import io.locolink.simulator.physics.LocomotiveState;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The simulated board: a Pi4J context whose I2C, SPI and GPIO providers serve emulated chips
 * wired as {@link DevicesConfig} says, and serial links to an emulated BMS and GNSS receiver, all
 * fed by the simulated locomotive's state. Waits cost no wall time; they advance the
 * {@link EmulatedBusClock}. The state supplier is called on the acquiring thread.
 */
public final class SimulatedPlatform implements Platform {

  /** The {@code devices.platform} value that selects the simulator. */
  public static final String NAME = "simulator";

  private final DevicesConfig config;
  private final Supplier<LocomotiveState> state;
  private final FaultInjector faults;
  private final EmulatedBusClock clock = new EmulatedBusClock();
  private final SimDigitalOutputProvider outputs = new SimDigitalOutputProvider();
  private final Context pi4j;

  /**
   * @param config the wiring to emulate (addresses, chip selects, pins, shunt and dividers)
   * @param state the simulated locomotive, read whenever a chip is addressed
   * @param faults faults to inject, in the state's simulated time
   * @param seed seed of the chips' measurement noise
   */
  public SimulatedPlatform(DevicesConfig config, Supplier<LocomotiveState> state, FaultInjector faults, long seed) {
    this.config = config;
    this.state = state;
    this.faults = faults;
    EmulatedBoard board = new EmulatedBoard(config, state, faults, clock, seed);
    this.pi4j = Pi4J.newContextBuilder().noAutoDetect()
        .add(new SimI2CProvider(board.i2cChips(), id -> nack(id), clock, config.i2cBusHz()),
            new SimSpiProvider(board.spiChips(), id -> nack(id), clock),
            new SimDigitalInputProvider(board.signals()), outputs)
        .build();
  }

  private boolean nack(String id) {
    return faults.isActive(FaultKind.NACK, id, state.get().timeS());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Context pi4j() {
    return pi4j;
  }

  @Override
  public SerialLink openSerial(String device, int baud) throws BusNackException {
    if (device.equals(config.pack().bms().device())) {
      return new EmulatedSerialLink(new BmsModbusSlave(config.pack().bms().slaveAddress(),
          config.pack().bms().profile(), state, faults), baud, clock);
    }
    if (device.equals(config.gnss().device())) {
      return new EmulatedSerialLink(new GnssNmeaSource(state, faults), baud, clock);
    }
    throw new BusNackException("no emulated serial device at " + device);
  }

  @Override
  public void pause(Duration duration) {
    clock.advance(duration.toNanos());
  }

  /** The bus time the emulated transactions would have taken so far. */
  public EmulatedBusClock busClock() {
    return clock;
  }

  /** Whether the alarm output on {@code pin} is on (empty until a driver claimed the pin). */
  public Optional<Boolean> output(int pin) {
    return Optional.ofNullable(outputs.output(pin)).map(DigitalOutput::isHigh);
  }

  /** A monotonic clock in simulated nanoseconds, for {@code DeviceAcquisition}. */
  public LongSupplier simulatedNanos() {
    return () -> Math.round(state.get().timeS() * 1e9);
  }

  /** A UTC clock that reads the simulated time, for {@code DeviceAcquisition}. */
  public InstantSource simulatedUtc() {
    return () -> state.get().utc();
  }

  @Override
  public void close() {
    pi4j.shutdown();
  }
}
