package io.locolink.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class DevicesConfigTest {

  @Test
  void anEmptySectionIsTheReferenceWiring() {
    DevicesConfig config = ConfigLoader.parse("{}", DevicesConfig.class);
    assertEquals(216, config.pack().cellsInSeries());
    assertEquals(5, config.pack().stringsParallel());
    assertEquals(216, config.pack().temperatureSensors());
    assertEquals(4, config.drives().size());
    assertFalse(config.genset().present());
    assertEquals(0x40, config.pack().shunt().address());
    assertEquals(BmsRegisterMap.builtIn(), config.pack().bms().profile());
    assertEquals(DevicesConfig.defaults(), config);
  }

  @Test
  void partialSectionsKeepTheirOtherDefaults() {
    DevicesConfig config = ConfigLoader.parse("""
        driveCount: 6
        pack:
          cellsInSeries: 192
          shunt: {bus: 1, address: 0x44, shuntOhms: 0.0001, maxCurrentA: 2000, busDividerRatio: 10}
        genset:
          present: true
        """, DevicesConfig.class);
    assertEquals(6, config.drives().size());
    assertEquals(192, config.pack().cellsInSeries());
    assertEquals(192, config.pack().temperatureSensors());
    assertEquals(0x44, config.pack().shunt().address());
    assertTrue(config.genset().present());
    assertEquals(60, config.motion().wheelPulsesPerRev());
    // reference wiring of drive 5: sixth channel of the I2C mux, SPI bus 2
    assertEquals(16, config.drives().get(5).adcBus());
    assertEquals(0x48, config.drives().get(5).adcAddress());
    assertEquals(2, config.drives().get(5).spiBus());
  }

  @Test
  void outOfRangeValuesNameTheirKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("motion: {wheelDiameterM: 3.0}", DevicesConfig.class));
    assertEquals("motion.wheelDiameterM", e.key());
    ConfigException address = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        "pack: {shunt: {bus: 1, address: 0x90, shuntOhms: 0.0001, maxCurrentA: 500, busDividerRatio: 10}}",
        DevicesConfig.class));
    assertEquals("pack.shunt.address", address.key());
    assertTrue(address.problem().contains("0x40..0x4F"), address.getMessage());
  }

  @Test
  void aShuntThatOverflowsShuntCalIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        "pack: {shunt: {bus: 1, address: 0x40, shuntOhms: 0.01, maxCurrentA: 3000, busDividerRatio: 10}}",
        DevicesConfig.class));
    assertEquals("pack.shunt.maxCurrentA", e.key());
  }

  @Test
  void anExplicitDriveMustBeComplete() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("drives: [{adcBus: 3, adcAddress: 0x48}]", DevicesConfig.class));
    assertEquals("drives[0].dcLinkDividerRatio", e.key());
    assertTrue(e.problem().contains("missing"));
  }

  @Test
  void oneAddressOnTheRootBusAndOnAMuxChannelOfTheSameAdapterIsRefused() {
    // TCA9548A (SCPS207): a selected channel is connected to the upstream SDA/SCL, so a 0x48 behind
    // channel 0 and a 0x48 on i2c-1 itself both answer to the same address byte.
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("pack: {analog: {address: 0x48}}", DevicesConfig.class));
    assertEquals("drives[0].adcAddress", e.key());
    assertTrue(e.problem().contains("pack.analog.address"), e.problem());
    assertTrue(e.problem().contains("i2c-11") && e.problem().contains("i2c-1 "), e.problem());
  }

  @Test
  void theSameAddressOnDifferentChannelsOrAnotherAdapterIsFine() {
    DevicesConfig reference = DevicesConfig.defaults();
    assertEquals(0x49, reference.pack().analog().address());
    assertEquals(1, reference.pack().analog().bus());
    assertTrue(reference.drives().stream()
        .allMatch(d -> d.adcAddress() == 0x48 && reference.i2cMux().isChannel(d.adcBus())));
    // the pack's ADC on i2c-0 does not share a wire with the mux on i2c-1
    DevicesConfig otherAdapter = ConfigLoader.parse("pack: {analog: {bus: 0, address: 0x48}}", DevicesConfig.class);
    assertEquals(0x48, otherAdapter.pack().analog().address());
  }

  @Test
  void theMuxIsDescribedByItsOwnKeys() {
    // a mux on i2c-3 whose channels the kernel numbered 20..27
    DevicesConfig moved = ConfigLoader.parse("""
        i2cMux: {parentBus: 3, firstBus: 20}
        pack: {analog: {address: 0x48}}
        drives:
          - {adcBus: 20, adcAddress: 0x48, dcLinkDividerRatio: 250, currentAPerVolt: 800, spiBus: 0,
             windingCs: 0, bearingCs: 1, inverterCs: 2, speedPin: 22, speedPulsesPerRev: 8}
        """, DevicesConfig.class);
    assertTrue(moved.i2cMux().isChannel(20));
    assertFalse(moved.i2cMux().isChannel(11));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
        i2cMux: {parentBus: 3, firstBus: 20}
        pack: {shunt: {bus: 3, address: 0x4A, shuntOhms: 0.00005, maxCurrentA: 3200, busDividerRatio: 10}}
        drives:
          - {adcBus: 27, adcAddress: 0x4A, dcLinkDividerRatio: 250, currentAPerVolt: 800, spiBus: 0,
             windingCs: 0, bearingCs: 1, inverterCs: 2, speedPin: 22, speedPulsesPerRev: 8}
        """, DevicesConfig.class));
    assertEquals("drives[0].adcAddress", e.key());
    ConfigException overlap = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("i2cMux: {parentBus: 12}", DevicesConfig.class));
    assertEquals("i2cMux.firstBus", overlap.key());
  }

  @Test
  void unknownKeysAreNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("gnss: {port: /dev/ttyS0}", DevicesConfig.class));
    assertEquals("gnss.port", e.key());
  }

  @Test
  void theBmsProfileIsConfigurable() {
    DevicesConfig config = ConfigLoader.parse("""
        pack:
          bms:
            profile: {name: vendor-x, version: 3, function: 3, cellVoltageStart: 100, cellVoltageScaleV: 0.0001,
                      cellTemperatureStart: 400, cellTemperatureScaleC: 0.1, socRegister: 10, sohRegister: 11,
                      percentScale: 1.0, insulationRegister: 12, contactorRegister: 13, balancingStart: 700}
        """, DevicesConfig.class);
    assertEquals("vendor-x", config.pack().bms().profile().name());
    assertEquals(3, config.pack().bms().profile().function());
  }

  @Test
  void aBadProfileNamesItsKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
        pack:
          bms:
            profile: {name: vendor-x, version: 3, function: 6, cellVoltageStart: 100, cellVoltageScaleV: 0.0001,
                      cellTemperatureStart: 400, cellTemperatureScaleC: 0.1, socRegister: 10, sohRegister: 11,
                      percentScale: 1.0, insulationRegister: 12, contactorRegister: 13, balancingStart: 700}
        """, DevicesConfig.class));
    assertEquals("pack.bms.profile.function", e.key());
  }

  @Test
  void sharedWiringIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("motion: {keyPin: 22}", DevicesConfig.class));
    assertEquals("drives[0].speedPin", e.key());
    assertTrue(e.problem().contains("gpio 22") && e.problem().contains("motion.keyPin"), e.getMessage());
  }
}
