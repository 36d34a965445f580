package io.locolink.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String VALID = """
      locomotive:
        id: KZ-TEM-0001
        kind: HYBRID
      platform: simulator
      stateDir: /var/lib/locolink
      framing:
        sampleRateHz: 10
        frameSpanMs: 1000
      """;

  @Test
  void readsAValidFile() {
    LocoLinkConfig config = ConfigLoader.parse(VALID, LocoLinkConfig.class);
    assertEquals("KZ-TEM-0001", config.locomotive().id());
    assertEquals(LocomotiveConfig.Kind.HYBRID, config.locomotive().kind());
    assertEquals(Path.of("/var/lib/locolink"), config.stateDir());
    assertEquals(100_000_000L, config.framing().samplePeriodNanos());
  }

  @Test
  void anUnknownKeyIsNamedWithTheKeysThatExist() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID.replace("frameSpanMs", "frameSpan"), LocoLinkConfig.class));
    assertEquals("framing.frameSpan", e.key());
    assertTrue(e.problem().contains("frameSpanMs"), e.getMessage());
  }

  @Test
  void aProblemOfTheWholeFileIsSaidWithoutAnEmptyKey(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("no-such.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
    assertEquals("config file not found: " + missing, e.getMessage());
    Path notYaml = Files.writeString(dir.resolve("bad.yaml"), "locomotive:\n  id: KZ1\n  - x\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.load(notYaml));
    assertTrue(e.getMessage().startsWith("not valid YAML at line 3"), e.getMessage());
  }

  @Test
  void aMissingRequiredValueNamesItsKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID.replace("  id: KZ-TEM-0001\n", ""), LocoLinkConfig.class));
    assertEquals("locomotive.id", e.key());
    assertTrue(e.problem().contains("missing"), e.getMessage());
  }

  @Test
  void aMissingSectionNamesItsKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("platform: simulator\nstateDir: x\n", LocoLinkConfig.class));
    assertEquals("locomotive", e.key());
  }

  @Test
  void anOutOfRangeNumberNamesKeyAndRange() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID.replace("sampleRateHz: 10", "sampleRateHz: 500"), LocoLinkConfig.class));
    assertEquals("framing.sampleRateHz", e.key());
    assertTrue(e.problem().contains("between 1 and 50") && e.problem().contains("500"), e.getMessage());
  }

  @Test
  void theUplinkDefaultsToMqttAndAFrameBoundUnderAnEightKilobyteBrokerLimit() {
    LocoLinkConfig config = ConfigLoader.parse(VALID, LocoLinkConfig.class);
    assertEquals("mqtt", config.uplink().transport());
    assertEquals(3, config.uplink().setAsideAfter());
    assertTrue(config.framing().maxMessageBytes() < 8000, "room for the topic and MQTT header under 8 KB");
    LocoLinkConfig inProcess = ConfigLoader.parse(VALID + "uplink:\n  transport: inProcess\n", LocoLinkConfig.class);
    assertTrue(inProcess.uplink().inProcess());
  }

  @Test
  void anUnknownTransportAndATooSmallFrameBoundAreRefusedByName() {
    ConfigException t = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID + "uplink:\n  transport: carrier-pigeon\n", LocoLinkConfig.class));
    assertEquals("uplink.transport", t.key());
    assertTrue(t.problem().contains("mqtt5") && t.problem().contains("inProcess"), t.getMessage());
    ConfigException m = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        VALID.replace("frameSpanMs: 1000", "frameSpanMs: 1000\n  maxMessageBytes: 100"), LocoLinkConfig.class));
    assertEquals("framing.maxMessageBytes", m.key());
  }

  @Test
  void aWrongTypeNamesKeyAndExpectedType() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID.replace("sampleRateHz: 10", "sampleRateHz: fast"), LocoLinkConfig.class));
    assertEquals("framing.sampleRateHz", e.key());
    assertTrue(e.problem().contains("a number"), e.getMessage());
  }

  @Test
  void aBadEnumListsTheChoices() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID.replace("kind: HYBRID", "kind: STEAM"), LocoLinkConfig.class));
    assertEquals("locomotive.kind", e.key());
    assertTrue(e.problem().contains("HYBRID") && e.problem().contains("BATTERY"), e.getMessage());
  }

  @Test
  void anIdThatCannotBeATopicLevelIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID.replace("KZ-TEM-0001", "loco/+/#"), LocoLinkConfig.class));
    assertEquals("locomotive.id", e.key());
  }

  @Test
  void brokenYamlSaysWhere() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("locomotive:\n  id: a\n   - b: [\n", LocoLinkConfig.class));
    assertTrue(e.problem().contains("line"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Path.of("no-such-dir", "locolink.yaml")));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void aBadValueDeepInASectionNamesTheWholePath() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID + "estimation:\n  co2:\n    gridGPerKwh: -5\n", LocoLinkConfig.class));
    assertEquals("estimation.co2.gridGPerKwh", e.key(), e.getMessage());
  }

  @Test
  void theShippedExampleConfigurationIsValid() {
    LocoLinkConfig config = ConfigLoader.load(Path.of("..", "deploy", "gateway", "etc", "locolink.yaml"));
    assertEquals("KZ-TEM-0001", config.locomotive().id());
    assertEquals("raspberrypi", config.platform());
    assertEquals(4, config.devices().drives().size());  // SPI0 and SPI1 of a Pi 5 header, six chip selects each
    assertEquals(216, config.devices().pack().cellsInSeries());
    assertTrue(config.mqtt().url().startsWith("ssl://"), "TLS to the broker by default");
  }

  @Test
  void aMisspeltRequiredKeyIsReportedAsUnknownNotAsMissing() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID + "mqtt:\n  urll: tcp://127.0.0.1:1883\n", LocoLinkConfig.class));
    assertEquals("mqtt.urll", e.key(), e.getMessage());
    assertTrue(e.problem().contains("url"), e.getMessage());
  }

  @Test
  void unknownKeysAreFoundInsideListsToo() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        VALID + "devices:\n  drives:\n    - {adcBus: 11}\n    - {adcBuss: 12}\n", LocoLinkConfig.class));
    assertEquals("devices.drives[1].adcBuss", e.key(), e.getMessage());
  }

  @Test
  void oneSectionIsReadAloneAndItsProblemsNamedFromTheRoot() {
    String yaml = VALID + "devices:\n  driveCount: 2\nmqtt: {urll: not read}\n";
    assertEquals(2, ConfigLoader.section(yaml, "devices", DevicesConfig.class).orElseThrow().drives().size());
    assertEquals("simulator", ConfigLoader.section(yaml, "platform", String.class).orElseThrow());
    assertTrue(ConfigLoader.section(yaml, "simulator", SimulatorConfig.class).isEmpty(), "absent");
    assertTrue(ConfigLoader.section("devices:\n", "devices", DevicesConfig.class).isEmpty(), "no value");
    assertTrue(ConfigLoader.section("", "devices", DevicesConfig.class).isEmpty(), "no document");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.section("devices:\n  motion: {wheelDiameterM: 9}\n", "devices", DevicesConfig.class));
    assertEquals("devices.motion.wheelDiameterM", e.key(), e.getMessage());
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> ConfigLoader.section("devices: {driveCont: 2}\n", "devices", DevicesConfig.class));
    assertEquals("devices.driveCont", unknown.key(), unknown.getMessage());
  }

  @Test
  void anEmptyTextIsNoDocument() {
    assertTrue(ConfigLoader.parseIfAny("# nothing\n", LocoLinkConfig.class).isEmpty());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("", LocoLinkConfig.class));
    assertTrue(e.problem().contains("empty"), e.getMessage());
  }
}
