package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values from the INA228 datasheet (TI SBOSA20), section 8.1.2 and the register tables. */
class Ina228CodecTest {

  private final Ina228Codec noDivider = new Ina228Codec(0.00005, 3200, 1);

  @Test
  void currentLsbIsMaxCurrentOver2To19() {
    assertEquals(3200.0 / 524_288, noDivider.currentLsbA(), 1e-15);
    assertEquals(0.006103515625, noDivider.currentLsbA(), 1e-15);
  }

  @Test
  void shuntCalIs13107_2e6TimesCurrentLsbTimesShunt() {
    // 13107.2e6 x 6.103515625e-3 A x 50e-6 ohm = 4000
    assertEquals(4000, noDivider.shuntCal());
  }

  @Test
  void vbusIs195_3125MicrovoltsPerLsbInBits23To4() {
    // 0x200000 -> 20-bit value 0x20000 = 131072 -> 25.6 V
    assertEquals(25.6, noDivider.busVoltageV(0x200000), 1e-12);
    assertEquals(195.3125e-6, noDivider.busVoltageV(0x000010), 1e-15);
    // the 4 low bits are reserved and ignored
    assertEquals(195.3125e-6, noDivider.busVoltageV(0x00001F), 1e-15);
    // with a 10:1 divider in front of VBUS
    assertEquals(256.0, new Ina228Codec(0.00005, 3200, 10).busVoltageV(0x200000), 1e-9);
  }

  @Test
  void currentIsTwosComplement20Bit() {
    assertEquals(-0.006103515625, noDivider.currentA(0xFFFFF0), 1e-15);
    assertEquals(-524_288 * 0.006103515625, noDivider.currentA(0x800000), 1e-9);
    assertEquals(524_287 * 0.006103515625, noDivider.currentA(0x7FFFF0), 1e-9);
  }

  @Test
  void powerEnergyAndChargeScales() {
    // Power = 3.2 x CURRENT_LSB x POWER
    assertEquals(3.2 * 0.006103515625 * 1000, noDivider.powerW(1000), 1e-9);
    // Energy = 16 x 3.2 x CURRENT_LSB x ENERGY
    assertEquals(16 * 3.2 * 0.006103515625 * 1000, noDivider.energyJ(1000), 1e-9);
    // Charge = CURRENT_LSB x CHARGE, 40-bit two's complement
    assertEquals(-0.006103515625, noDivider.chargeC(0xFF_FFFF_FFFFL), 1e-15);
    assertEquals(0.006103515625 * 5, noDivider.chargeC(5), 1e-15);
  }

  @Test
  void dieTemperatureIs7_8125MilliDegreesPerLsb() {
    assertEquals(25.0, Ina228Codec.dieTemperatureC(0x0C80), 1e-12);
    assertEquals(-1.0, Ina228Codec.dieTemperatureC(0xFF80), 1e-12);
    assertEquals(7.8125e-3, Ina228Codec.dieTemperatureC(0x0001), 1e-15);
  }
}
