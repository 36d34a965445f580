package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values from the ADS1115 datasheet (TI SBAS444), tables 3 and 8. */
class Ads1115Test {

  @Test
  void lsbIsFullScaleOver2To15() {
    assertEquals(125e-6, Ads1115.Pga.FS_4_096.lsbV(), 1e-15);
    assertEquals(62.5e-6, Ads1115.Pga.FS_2_048.lsbV(), 1e-15);
    assertEquals(187.5e-6, Ads1115.Pga.FS_6_144.lsbV(), 1e-15);
  }

  @Test
  void conversionIsTwosComplement() {
    assertEquals(4.096 - 125e-6, Ads1115.volts(0x7FFF, Ads1115.Pga.FS_4_096), 1e-12);
    assertEquals(-4.096, Ads1115.volts(0x8000, Ads1115.Pga.FS_4_096), 1e-12);
    assertEquals(-125e-6, Ads1115.volts(0xFFFF, Ads1115.Pga.FS_4_096), 1e-12);
  }

  @Test
  void singleShotConfigWord() {
    // OS=1, MUX=100 (AIN0-GND), PGA=001 (+-4.096), MODE=1, DR=111 (860 SPS), COMP_QUE=11
    assertEquals(0b1_100_001_1_111_0_0_0_11, Ads1115.singleShotConfig(Ads1115.Mux.AIN0, Ads1115.Pga.FS_4_096));
    // MUX=011 (AIN2-AIN3), PGA=010 (+-2.048)
    assertEquals(0b1_011_010_1_111_0_0_0_11, Ads1115.singleShotConfig(Ads1115.Mux.AIN2_AIN3, Ads1115.Pga.FS_2_048));
  }

  @Test
  void resetConfigDecodesAsPlusMinus2_048() {
    assertEquals(Ads1115.Pga.FS_2_048, Ads1115.Pga.ofConfig(0x8583));
  }
}
