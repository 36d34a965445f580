package io.locolink.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How YAML values become configuration values: the scalar forms of YAML 1.1, empty sections, and refusals. */
class YamlBinderTest {

  private static final String BASE = "locomotive: {id: KZ-1}\nstateDir: /var/lib/locolink\n";

  private static LocoLinkConfig parse(String yaml) {
    return ConfigLoader.parse(BASE + yaml, LocoLinkConfig.class);
  }

  private static String shunt(String address) {
    return "devices:\n  pack:\n    shunt: {bus: 1, address: " + address
        + ", shuntOhms: 0.00005, maxCurrentA: 3200, busDividerRatio: 1_0}\n";
  }

  @Test
  void everySectionPresentAndEmptyTakesItsDefaults() {
    LocoLinkConfig cfg = parse("framing: {}\nestimation: {}\ndevices: {}\njournal: {}\n"
        + "mqtt: {url: \"tcp://localhost:1883\"}\nuplink: {}\ntrips: {}\ndepot: {}\nsimulator: {}\n");
    assertEquals(Path.of("/var/lib/locolink"), cfg.stateDir());
    assertEquals(FramingConfig.defaults(), cfg.framing());
    assertEquals(JournalConfig.defaults(), cfg.journal());
    assertEquals(TripsConfig.defaults(), cfg.trips());
    assertEquals(DepotConfig.defaults(), cfg.depot());
    assertEquals(cfg, parse("framing:\njournal: ~\nmqtt: {url: \"tcp://localhost:1883\"}\ndepot: null\n"),
        "an empty value is a section at its defaults");
  }

  @Test
  void integersInTheFormsOfYaml11() {
    // YAML 1.1 int: 0x hexadecimal, 0b binary, a leading 0 octal, underscores ignored (yaml.org/type/int.html)
    assertEquals(0x45, parse(shunt("0x45")).devices().pack().shunt().address());
    assertEquals(0x45, parse(shunt("0b100_0101")).devices().pack().shunt().address());
    assertEquals(0x45, parse(shunt("0105")).devices().pack().shunt().address());
    assertEquals(0x45, parse(shunt("\"69\"")).devices().pack().shunt().address(), "a quoted number is a number");
    assertEquals(10.0, parse(shunt("0x45")).devices().pack().shunt().busDividerRatio());
  }

  @Test
  void booleansInTheFormsOfYaml11() {
    assertFalse(parse("depot: {enabled: no}\n").depot().enabled());
    assertFalse(parse("depot: {enabled: Off}\n").depot().enabled());
    assertTrue(parse("depot: {enabled: TRUE}\n").depot().enabled());
    ConfigException e = assertThrows(ConfigException.class, () -> parse("depot: {enabled: maybe}\n"));
    assertEquals("depot.enabled", e.key());
    assertTrue(e.problem().contains("true or false"), e.getMessage());
  }

  @Test
  void aNumberTooLargeOrNotWholeIsRefusedByKey() {
    for (String bad : new String[] {"3000000000", "10.5", "1e3", "0x", "ten"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> parse("framing: {sampleRateHz: " + bad + "}\n"));
      assertEquals("framing.sampleRateHz", e.key(), bad);
      assertTrue(e.problem().contains("a number"), e.getMessage());
    }
  }

  @Test
  void anInfiniteDecimalReachesTheRangeCheck() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("estimation: {co2: {gridGPerKwh: .inf}}\n"));
    assertEquals("estimation.co2.gridGPerKwh", e.key(), e.getMessage());
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse("framing:\n  sampleRateHz: 10\n  sampleRateHz: 20\n"));
    assertEquals("framing.sampleRateHz", e.key());
    assertTrue(e.problem().contains("twice"), e.getMessage());
  }

  @Test
  void aSectionGivenAsAValueOrAListIsRefusedByKey() {
    ConfigException scalar = assertThrows(ConfigException.class, () -> parse("framing: 10\n"));
    assertEquals("framing", scalar.key());
    assertTrue(scalar.problem().contains("FramingConfig section"), scalar.getMessage());
    ConfigException list = assertThrows(ConfigException.class, () -> parse("devices: {drives: {adcBus: 11}}\n"));
    assertEquals("devices.drives", list.key());
    assertTrue(list.problem().contains("list"), list.getMessage());
  }

  @Test
  void aMissingPrimitiveIsMissingNotZero() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
        name: x
        version: 1
        cellVoltageStart: 0
        cellVoltageScaleV: 0.001
        cellTemperatureStart: 4096
        cellTemperatureScaleC: 0.1
        socRegister: 8192
        sohRegister: 8193
        percentScale: 0.1
        insulationRegister: 8194
        contactorRegister: 8195
        balancingStart: 12288
        """, BmsRegisterMap.class));
    assertEquals("function", e.key());
    assertTrue(e.problem().contains("missing"), e.getMessage());
  }

  @Test
  void severalDocumentsAreNotOneConfiguration() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("---\na: 1\n"));
    assertTrue(e.problem().contains("not valid YAML"), e.getMessage());
  }

  /** A record with a free-form part, as a scenario file's list of faults. */
  record FreeForm(String name, java.util.List<org.yaml.snakeyaml.nodes.Node> entries) {}

  @Test
  void aNodeComponentKeepsTheValueAsWritten() {
    FreeForm f = ConfigLoader.parse("name: x\nentries:\n  - plain text\n  - {at: 12, who: [a, b]}\n", FreeForm.class);
    assertEquals("x", f.name());
    assertEquals("plain text", ((org.yaml.snakeyaml.nodes.ScalarNode) f.entries().get(0)).getValue());
    var mapping = (org.yaml.snakeyaml.nodes.MappingNode) f.entries().get(1);
    assertEquals("at", ((org.yaml.snakeyaml.nodes.ScalarNode) mapping.getValue().get(0).getKeyNode()).getValue());
    assertEquals(2, ((org.yaml.snakeyaml.nodes.SequenceNode) mapping.getValue().get(1).getValueNode()).getValue().size());
    assertEquals(1, ConfigLoader.parse("name: x\nentries:\n  - {any: key, is: kept}\n", FreeForm.class).entries()
        .size(), "no unknown-key check inside a free-form part");
  }
}
