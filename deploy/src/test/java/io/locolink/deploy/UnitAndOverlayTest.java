package io.locolink.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit files' hardening score and the device-tree overlay, checked by the tools a Pi would use. */
class UnitAndOverlayTest {

  private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+) (\\w+)");

  @TempDir
  Path dir;

  @Test
  void theGatewayUnitRatesOkInSystemdsSecurityReview() throws Exception {
    assertExposureAtMost2("gateway/systemd/locolink.service");
  }

  @Test
  void theOverlayCompilesWithTwelveChipSelectsAndAnIdleDisconnectingMux() throws Exception {
    String dtc = Command.tool("/usr/bin/dtc", "device-tree-compiler");
    Path dtbo = dir.resolve("locolink-pi5.dtbo");
    Command.ok(dtc, "-@", "-I", "dts", "-O", "dtb", "-o", dtbo.toString(), "overlays/locolink-pi5-overlay.dts");
    String back = Command.ok(dtc, "-I", "dtb", "-O", "dts", dtbo.toString());
    // hardware.md: SPI0 and SPI1 with chip selects 0..5 each; a GPIO specifier is 3 cells (phandle, pin, flags)
    String fragments = back.substring(0, back.indexOf("\n\t__"));  // before __symbols__, __fixups__ ...
    List<String> csLists = Pattern.compile("\\tcs-gpios = <([^>]*)>").matcher(fragments).results()
        .map(m -> m.group(1)).toList();
    assertEquals(2, csLists.size(), back);
    for (String cells : csLists) {
      assertEquals(6 * 3, cells.trim().split("\\s+").length, cells);
    }
    assertEquals(12, Pattern.compile("spidev@[0-5] \\{").matcher(back).results().count());
    assertTrue(back.contains("i2c-mux-idle-disconnect;"), "the mux disconnects its channels when idle");
    assertEquals(8, Pattern.compile("i2c@[0-7] \\{").matcher(back).results().count(), "eight mux channels");
    assertTrue(back.contains("reg = <0x70>") && back.contains("reg = <0x20>"), "mux at 0x70, expander at 0x20");
    // the base tree's labels the overlay needs on a Pi 5: resolved by the firmware when it loads the overlay
    for (String label : List.of("i2c_arm", "spi0", "spi1", "spi0_pins", "spi1_pins")) {
      assertTrue(Pattern.compile("\\t" + label + " = \"").matcher(back).find(), label + " in __fixups__");
    }
  }

  static void assertExposureAtMost2(String unit) throws Exception {
    String analyze = Command.tool("/usr/bin/systemd-analyze", "systemd");
    Command review = Command.run(analyze, "security", "--offline=true", unit);
    Matcher m = EXPOSURE.matcher(review.output());
    assertTrue(m.find(), review.output());
    double exposure = Double.parseDouble(m.group(1));
    assertTrue(exposure <= 2.0, unit + " rates " + exposure + " " + m.group(2) + ":\n" + review.output());
  }
}
