package io.locolink.simulator.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines kept under the demo's live view on every refresh: where the broker is, how to watch it
 * from another terminal, how to pull the trip logs, and (when the ground station runs) the
 * dashboard's address and log-in. Immutable; {@link #with} adds a hint.
 */
record DemoFooter(List<String> lines) {

  DemoFooter {
    lines = List.copyOf(lines);
  }

  /**
   * The broker and watch hints; the watch command carries the broker's CA file and credential files,
   * when it has them, so that it connects as given.
   */
  static DemoFooter forBroker(DemoConfig.Broker broker) {
    StringBuilder watch = new StringBuilder("./locolink watch --broker ").append(broker.url());
    option(watch, "--ca-file", broker.caFile());
    option(watch, "--username-file", broker.usernameFile());
    option(watch, "--password-file", broker.passwordFile());
    return new DemoFooter(List.of(
        "  broker:                 " + broker.url(),
        "  from another terminal:  " + watch));
  }

  private static void option(StringBuilder command, String name, Path file) {
    if (file != null) {
      command.append(' ').append(name).append(' ').append(file);
    }
  }

  /** This footer with one more line, {@code label} padded to the others' column. */
  DemoFooter with(String label, String text) {
    List<String> more = new ArrayList<>(lines);
    more.add(String.format("  %-23s %s", label + ":", text));
    return new DemoFooter(more);
  }

  /** The footer as text, a separator line first, each line ending in a newline. */
  String render() {
    StringBuilder b = new StringBuilder("  ").append("-".repeat(76)).append('\n');
    for (String line : lines) {
      b.append(line).append('\n');
    }
    return b.toString();
  }
}
