package io.locolink.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The {@code estimation} section: defaults, overrides and errors that name the key. */
class EstimationConfigTest {

  @Test
  void emptySectionTakesTheReferenceFigures() {
    EstimationConfig c = ConfigLoader.parse("{}", EstimationConfig.class);
    assertEquals(1400.0, c.packCapacityAh());
    assertEquals(300, c.periodS());
    assertEquals(830.0, c.co2().gridGPerKwh());
    assertEquals(0.210, c.co2().dieselKgPerKwh());
    assertEquals(25.0, c.co2().dieselIdleLph());
    assertEquals(2.0, c.clockStepToleranceS());
    assertEquals(15.0, c.fixMaxAgeS());
  }

  @Test
  void readsNestedSections() {
    EstimationConfig c = ConfigLoader.parse("""
        consumptionPointId: KZ-AST-0042
        packCapacityAh: 1120
        co2:
          gridGPerKwh: 450
        alarms:
          raiseAfterS: 2
          limits:
            CELL_VOLTAGE_HIGH.NOTE: 3.56
        soc:
          ocvRestMinutes: 45
        """, EstimationConfig.class);
    assertEquals("KZ-AST-0042", c.consumptionPointId());
    assertEquals(1120.0, c.packCapacityAh());
    assertEquals(450.0, c.co2().gridGPerKwh());
    assertEquals(2.0, c.alarms().raiseAfterS());
    assertEquals(3.56, c.alarms().limits().get("CELL_VOLTAGE_HIGH.NOTE"));
    assertEquals(45.0, c.soc().ocvRestMinutes());
  }

  @Test
  void errorsNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("periodS: 7", EstimationConfig.class));
    assertEquals("periodS", e.key());
    ConfigException nested = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("co2:\n  gridGPerKwh: -5", EstimationConfig.class));
    assertEquals("co2.gridGPerKwh", nested.key());
    ConfigException id = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("consumptionPointId: 'this id is far too long for EN 50463 records'", EstimationConfig.class));
    assertEquals("consumptionPointId", id.key());
  }
}
