package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.testing.HelpLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The help of every command the simulator adds to {@code locolink} reads at 80 columns, each
 * paragraph wrapped by picocli alone, and names each option's value (no {@code <fieldName>}).
 */
class SimulatorHelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"demo", "simulator", "simulator run", "simulator fleet"})
  void theHelpIsWrappedAt80ColumnsWithoutShortLines(String command) {
    String help = HelpLayout.assertWrappedAt80Columns(Main.commandLine(), (command + " --help").split(" "));
    assertTrue(help.startsWith("Usage: locolink " + command + " "), help);
    assertFalse(help.contains("=<"), "an option's value without a label:\n" + help);
  }
}
