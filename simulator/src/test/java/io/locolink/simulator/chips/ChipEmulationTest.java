package io.locolink.simulator.chips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.config.BmsRegisterMap;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.pi4j.TestLocomotive;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The emulated chips answer at register level as their datasheets say, independent of the drivers. */
class ChipEmulationTest {

  private final TestLocomotive loco = new TestLocomotive(216, 4);
  private final RandomGenerator random = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(42);

  private static int u16(byte[] b) {
    return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
  }

  @Test
  void ina228IdentityAndResetValues() {
    Ina228Chip chip = new Ina228Chip("x", 0.00005, 10, loco, s -> 700, s -> 100, FaultInjector.none(), random);
    byte[] two = new byte[2];
    chip.read(0x3E, two, 0, 2);
    assertEquals(0x5449, u16(two)); // "TI"
    chip.read(0x3F, two, 0, 2);
    assertEquals(0x2281, u16(two)); // INA228, revision 1
    chip.read(0x02, two, 0, 2);
    assertEquals(0x1000, u16(two)); // SHUNT_CAL reset value
    chip.read(0x01, two, 0, 2);
    assertEquals(0xFB68, u16(two)); // ADC_CONFIG reset value
    chip.write(0x02, new byte[] {0x0F, (byte) 0xA0}, 0, 2);
    chip.read(0x02, two, 0, 2);
    assertEquals(4000, u16(two));
    chip.write(0x00, new byte[] {(byte) 0x80, 0}, 0, 2); // RST
    chip.read(0x02, two, 0, 2);
    assertEquals(0x1000, u16(two));
  }

  @Test
  void ina228VbusBehindTheDivider() {
    Ina228Chip chip = new Ina228Chip("x", 0.00005, 10, loco, s -> 256.0, s -> 0, FaultInjector.none(), random);
    byte[] three = new byte[3];
    chip.read(0x05, three, 0, 3);
    int raw20 = (((three[0] & 0xFF) << 16) | ((three[1] & 0xFF) << 8) | (three[2] & 0xFF)) >> 4;
    // 25.6 V at the pin / 195.3125 uV = 131072, give or take the noise
    assertEquals(131_072, raw20, 10);
    assertEquals(0, three[2] & 0x0F, "reserved low bits read 0");
  }

  @Test
  void ads1115ConversionTakesOneOverDataRate() {
    AtomicLong bus = new AtomicLong();
    Ads1115Chip chip = new Ads1115Chip("a", loco, bus::get, FaultInjector.none(), random,
        s -> 1.0, s -> 0.0, s -> 0.0, s -> 0.0);
    byte[] two = new byte[2];
    chip.read(1, two, 0, 2);
    assertEquals(0x8583, u16(two)); // reset value
    // OS=1, AIN0-GND, +-4.096 V, single shot, 128 SPS: 7.8 ms
    chip.write(1, new byte[] {(byte) 0xC3, (byte) 0x83}, 0, 2);
    chip.read(1, two, 0, 2);
    assertEquals(0, two[0] & 0x80, "converting");
    bus.addAndGet(7_900_000);
    chip.read(1, two, 0, 2);
    assertEquals(0x80, two[0] & 0x80, "done");
    chip.read(0, two, 0, 2);
    assertEquals(8000, u16(two), 3); // 1.0 V / 125 uV
  }

  @Test
  void max31865ReadsPt100RatioAt100Degrees() {
    Max31865Chip chip = new Max31865Chip("t", 430, loco, s -> 100.0, FaultInjector.none(), random);
    byte[] rx = new byte[3];
    chip.transfer(new byte[] {0x01, 0, 0}, 0, rx, 0, 3);
    assertEquals(0, rx[1] | rx[2], "no conversion before VBIAS and auto mode");
    chip.transfer(new byte[] {(byte) 0x80, (byte) 0xC1}, 0, new byte[2], 0, 2);
    loco.advance(0.05);
    chip.transfer(new byte[] {0x01, 0, 0}, 0, rx, 0, 3);
    assertEquals(0, rx[1] | rx[2], "first conversion not finished 50 ms after VBIAS on");
    loco.advance(0.02);
    chip.transfer(new byte[] {0x01, 0, 0}, 0, rx, 0, 3);
    int word = ((rx[1] & 0xFF) << 8) | (rx[2] & 0xFF);
    // 138.51 ohm / 430 ohm x 32768 = 10555
    assertEquals(10555, word >> 1, 1);
    assertEquals(0, word & 1);
  }

  @Test
  void bmsAnswersAReadWithValidCrcAndRejectsBadAddresses() {
    BmsModbusSlave bms = new BmsModbusSlave(1, BmsRegisterMap.builtIn(), loco, FaultInjector.none());
    // Frames written out per the Modbus Application Protocol (6.4, 7) with their CRC-16/MODBUS
    // (serial line spec 6.2.2, low byte first), computed independently of the code under test.
    bms.receive(bytes(0x01, 0x04, 0x00, 0x00, 0x00, 0x02, 0x71, 0xCB));
    // two input registers of 0x0C80 (3.200 V cells)
    assertArrayEquals(bytes(0x01, 0x04, 0x04, 0x0C, 0x80, 0x0C, 0x80, 0xFD, 0x9C), bms.transmit());
    // address 0x7000 is outside the map: exception 02 (illegal data address)
    bms.receive(bytes(0x01, 0x04, 0x70, 0x00, 0x00, 0x01, 0x2B, 0x0A));
    assertArrayEquals(bytes(0x01, 0x84, 0x02, 0xC2, 0xC1), bms.transmit());
    // function 03 is not offered: exception 01 (illegal function)
    bms.receive(bytes(0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A));
    assertArrayEquals(bytes(0x01, 0x83, 0x01, 0x80, 0xF0), bms.transmit());
    // 01 04 00 00 00 01 31 CA with one bit of the CRC flipped
    byte[] corrupt = bytes(0x01, 0x04, 0x00, 0x00, 0x00, 0x01, 0x31, 0xCB);
    bms.receive(corrupt);
    assertEquals(0, bms.transmit().length, "a slave ignores a frame with a bad CRC");
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
