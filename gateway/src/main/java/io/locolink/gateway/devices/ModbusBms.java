package io.locolink.gateway.devices;

import io.locolink.gateway.config.BmsRegisterMap;

/**
 * Reads a battery management system over Modbus RTU through a {@link BmsRegisterMap}. Long
 * blocks are split into reads of at most 125 registers. Not thread-safe.
 */
public final class ModbusBms {

  private final ModbusRtuClient client;
  private final int slave;
  private final BmsRegisterMap map;

  public ModbusBms(ModbusRtuClient client, int slave, BmsRegisterMap map) {
    this.client = client;
    this.slave = slave;
    this.map = map;
  }

  public String label() {
    return "bms (modbus slave " + slave + ", " + map.name() + " v" + map.version() + ")";
  }

  /** Every series cell's voltage, volts. */
  public double[] cellVoltagesV(int cells) throws BusException {
    int[] raw = readBlock(map.cellVoltageStart(), cells);
    double[] volts = new double[cells];
    for (int i = 0; i < cells; i++) {
      volts[i] = raw[i] * map.cellVoltageScaleV();
    }
    return volts;
  }

  /** Cell temperatures and which of them the BMS marks valid. */
  public record Temperatures(double[] celsius, boolean[] valid) {}

  /** Register value a BMS reports for a failed temperature sensor (documented in the profile). */
  public static final int TEMPERATURE_INVALID = 0x8000;

  /**
   * Every temperature sensor, degrees Celsius (registers are two's complement); a register
   * reading {@link #TEMPERATURE_INVALID} marks a failed sensor.
   */
  public Temperatures cellTemperaturesC(int sensors) throws BusException {
    int[] raw = readBlock(map.cellTemperatureStart(), sensors);
    double[] celsius = new double[sensors];
    boolean[] valid = new boolean[sensors];
    for (int i = 0; i < sensors; i++) {
      valid[i] = raw[i] != TEMPERATURE_INVALID;
      celsius[i] = (short) raw[i] * map.cellTemperatureScaleC();
    }
    return new Temperatures(celsius, valid);
  }

  /** Balancing flag of every cell. */
  public boolean[] balancing(int cells) throws BusException {
    int[] raw = readBlock(map.balancingStart(), (cells + 15) / 16);
    boolean[] flags = new boolean[cells];
    for (int i = 0; i < cells; i++) {
      flags[i] = (raw[i / 16] & (1 << (i % 16))) != 0;
    }
    return flags;
  }

  /** SoC, SoH, insulation and contactor state. */
  public BmsStatus status() throws BusException {
    int lo = Math.min(Math.min(map.socRegister(), map.sohRegister()),
        Math.min(map.insulationRegister(), map.contactorRegister()));
    int hi = Math.max(Math.max(map.socRegister(), map.sohRegister()),
        Math.max(map.insulationRegister(), map.contactorRegister()));
    if (hi - lo < ModbusRtuClient.MAX_REGISTERS) {
      int[] raw = readBlock(lo, hi - lo + 1);
      return new BmsStatus(raw[map.socRegister() - lo] * map.percentScale(),
          raw[map.sohRegister() - lo] * map.percentScale(), raw[map.insulationRegister() - lo],
          raw[map.contactorRegister() - lo]);
    }
    return new BmsStatus(readBlock(map.socRegister(), 1)[0] * map.percentScale(),
        readBlock(map.sohRegister(), 1)[0] * map.percentScale(), readBlock(map.insulationRegister(), 1)[0],
        readBlock(map.contactorRegister(), 1)[0]);
  }

  private int[] readBlock(int start, int count) throws BusException {
    int[] all = new int[count];
    for (int done = 0; done < count; done += ModbusRtuClient.MAX_REGISTERS) {
      int n = Math.min(ModbusRtuClient.MAX_REGISTERS, count - done);
      int[] part = client.readRegisters(slave, map.function(), start + done, n);
      System.arraycopy(part, 0, all, done, n);
    }
    return all;
  }
}
