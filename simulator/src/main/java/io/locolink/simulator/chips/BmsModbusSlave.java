package io.locolink.simulator.chips;

import io.locolink.gateway.config.BmsRegisterMap;
import io.locolink.gateway.devices.ModbusCrc;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultKind;
import io.locolink.simulator.physics.LocomotiveState;
import java.io.ByteArrayOutputStream;
import java.util.function.Supplier;

/**
 * A battery management system as a Modbus RTU slave serving a {@link BmsRegisterMap}: requests
 * with a bad CRC or for another slave are ignored (Modbus over Serial Line 2.4.1), an unknown
 * function gets exception 01, an address outside the map exception 02. Faults: {@code bms-silence},
 * {@code bms-crc}, {@code cell-drift:N}, {@code dead-sensor:bms.temp[N]}, and stuck, noisy or offset
 * on {@code bms.cell[N]}, {@code bms.temp[N]} and {@code bms.soc} (percent). Not thread-safe.
 */
public final class BmsModbusSlave implements SerialDevice {

  /** A real BMS takes a few milliseconds to answer. */
  private static final long TURNAROUND_NANOS = 3_000_000L;

  private final int slave;
  private final BmsRegisterMap map;
  private final Supplier<LocomotiveState> state;
  private final FaultInjector faults;
  private byte[] pending = new byte[0];

  public BmsModbusSlave(int slave, BmsRegisterMap map, Supplier<LocomotiveState> state, FaultInjector faults) {
    this.slave = slave;
    this.map = map;
    this.state = state;
    this.faults = faults;
  }

  @Override
  public void receive(byte[] request) {
    pending = new byte[0];
    if (request.length != 8 || !ModbusCrc.valid(request, 8) || (request[0] & 0xFF) != slave) {
      return;
    }
    LocomotiveState s = state.get();
    if (faults.isActive(FaultKind.BMS_SILENCE, "", s.timeS())) {
      return;
    }
    int function = request[1] & 0xFF;
    int start = Registers.u16(request, 2);
    int count = Registers.u16(request, 4);
    byte[] reply;
    if (function != map.function()) {
      reply = new byte[] {(byte) slave, (byte) (function | 0x80), 0x01};
    } else if (count < 1 || count > 125) {
      reply = new byte[] {(byte) slave, (byte) (function | 0x80), 0x03};
    } else {
      reply = registers(s, function, start, count);
    }
    pending = ModbusCrc.withCrc(reply);
    if (faults.isActive(FaultKind.BMS_CRC, "", s.timeS())) {
      pending[pending.length - 1] ^= 0x5A;
    }
  }

  private byte[] registers(LocomotiveState s, int function, int start, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(slave);
    out.write(function);
    out.write(2 * count);
    for (int address = start; address < start + count; address++) {
      Integer value = register(s, address);
      if (value == null) {
        return new byte[] {(byte) slave, (byte) (function | 0x80), 0x02};
      }
      out.write(value >> 8);
      out.write(value);
    }
    return out.toByteArray();
  }

  private Integer register(LocomotiveState s, int address) {
    int cells = s.cellVoltagesV().length;
    int sensors = s.cellTemperaturesC().length;
    if (address >= map.cellVoltageStart() && address < map.cellVoltageStart() + cells) {
      int i = address - map.cellVoltageStart();
      double v = faults.apply("bms.cell[" + i + "]", s.cellVoltagesV()[i], s.timeS()) + faults.cellDriftV(i, s.timeS());
      return (int) Registers.clamp(Math.round(v / map.cellVoltageScaleV()), 0, 0xFFFF);
    }
    if (address >= map.cellTemperatureStart() && address < map.cellTemperatureStart() + sensors) {
      int i = address - map.cellTemperatureStart();
      if (faults.isActive(FaultKind.DEAD_SENSOR, "bms.temp[" + i + "]", s.timeS())) {
        return 0x8000;
      }
      double c = faults.apply("bms.temp[" + i + "]", s.cellTemperaturesC()[i], s.timeS());
      return (int) Registers.clamp(Math.round(c / map.cellTemperatureScaleC()), -32767, 32767) & 0xFFFF;
    }
    int balancingRegisters = (cells + 15) / 16;
    if (address >= map.balancingStart() && address < map.balancingStart() + balancingRegisters) {
      int base = (address - map.balancingStart()) * 16;
      int bits = 0;
      for (int b = 0; b < 16 && base + b < cells; b++) {
        bits |= s.balancing()[base + b] ? 1 << b : 0;
      }
      return bits;
    }
    if (address == map.socRegister()) {
      double percent = faults.apply("bms.soc", s.socTrue() * 100, s.timeS());
      return (int) Registers.clamp(Math.round(percent / map.percentScale()), 0, 0xFFFF);
    }
    if (address == map.sohRegister()) {
      return (int) Math.round(s.sohTrue() * 100 / map.percentScale());
    }
    if (address == map.insulationRegister()) {
      return (int) Registers.clamp(Math.round(s.insulationOhm() / 1000), 0, 0xFFFF);
    }
    if (address == map.contactorRegister()) {
      return s.contactorClosed() ? 2 : 0;
    }
    int lo = Math.min(Math.min(map.socRegister(), map.sohRegister()), Math.min(map.insulationRegister(), map.contactorRegister()));
    int hi = Math.max(Math.max(map.socRegister(), map.sohRegister()), Math.max(map.insulationRegister(), map.contactorRegister()));
    return address > lo && address < hi ? 0 : null;
  }

  @Override
  public byte[] transmit() {
    byte[] out = pending;
    pending = new byte[0];
    return out;
  }

  @Override
  public long turnaroundNanos() {
    return TURNAROUND_NANOS;
  }
}
