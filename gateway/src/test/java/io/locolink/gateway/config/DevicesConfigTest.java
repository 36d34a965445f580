package io.locolink.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class DevicesConfigTest {

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

  @Test
  void defaultsAreTheReferenceLocomotive() {
    DevicesConfig config = DevicesConfig.defaults();
    assertEquals(216, config.pack().cellsInSeries());
    assertEquals(5, config.pack().stringsParallel());
    assertEquals(4, config.drives().size());
    assertFalse(config.genset().present());
    assertEquals(0x40, config.pack().shunt().address());
  }

  @Test
  void defaultsRoundTripThroughYaml() throws Exception {
    DevicesConfig config = DevicesConfig.withDrives(6, true);
    String text = yaml.writeValueAsString(config);
    DevicesConfig back = yaml.readValue(text, DevicesConfig.class);
    assertEquals(config.drives(), back.drives());
    assertEquals(config.pack(), back.pack());
    assertEquals(config.genset(), back.genset());
    assertEquals(config.motion(), back.motion());
  }

  @Test
  void hexAddressesAreAccepted() throws Exception {
    DevicesConfig.Shunt shunt = yaml.readValue(
        "{bus: 1, address: 0x41, shuntOhms: 0.0001, maxCurrentA: 500, busDividerRatio: 10}", DevicesConfig.Shunt.class);
    assertEquals(0x41, shunt.address());
  }

  @Test
  void errorsNameTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DevicesConfig.Motion(3.0, 60, 17, 27));
    assertTrue(e.getMessage().startsWith("devices.motion.wheelDiameterM:"), e.getMessage());
    ValueInstantiationException bad = assertThrows(ValueInstantiationException.class, () -> yaml.readValue(
        "{bus: 1, address: 0x90, shuntOhms: 0.0001, maxCurrentA: 500, busDividerRatio: 10}", DevicesConfig.Shunt.class));
    assertTrue(bad.getMessage().contains("address"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DevicesConfig.Gnss("/dev/ttyAMA3", 300));
  }

  @Test
  void missingKeyFailsWithTheMapperTheGatewayUses() {
    assertThrows(Exception.class, () -> yaml.readValue("{bus: 1, address: 0x41}", DevicesConfig.Shunt.class));
  }
}
