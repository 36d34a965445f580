package io.locolink.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration the gateway parses on its start-up thread, to build every section's deserializer
 * while the command line is parsed, is a valid one: a warm-up that failed half-way would silently build
 * only some of them.
 */
class ConfigWarmUpTest {

  @Test
  void theWarmUpConfigurationParsesWithEverySectionPresentAndAtItsDefaults() {
    LocoLinkConfig cfg = ConfigLoader.parse(ConfigLoader.WARM_UP, LocoLinkConfig.class);
    assertEquals("WARM-UP", cfg.locomotive().id());
    assertEquals(Path.of("/"), cfg.stateDir());
    assertEquals(FramingConfig.defaults(), cfg.framing());
    assertEquals(JournalConfig.defaults(), cfg.journal());
    assertEquals("tcp://localhost:1883", cfg.mqtt().url());
    assertEquals(TripsConfig.defaults(), cfg.trips());
    assertEquals(DepotConfig.defaults(), cfg.depot());
  }

  @Test
  void warmingUpTwiceFromTwoThreadsLeavesLoadingUnchanged() throws Exception {
    Thread other = new Thread(ConfigLoader::warmUp);
    other.start();
    ConfigLoader.warmUp();
    other.join();
    LocoLinkConfig cfg = ConfigLoader.parse("locomotive: {id: KZ-1}\nstateDir: /var/lib/locolink\n"
        + "framing: {sampleRateHz: 5}\n", LocoLinkConfig.class);
    assertEquals(Integer.valueOf(5), cfg.framing().sampleRateHz());
    assertEquals("KZ-1", cfg.locomotive().id());
  }
}
