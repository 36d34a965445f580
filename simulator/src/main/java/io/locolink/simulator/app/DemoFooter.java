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

  /** The broker and watch hints; {@code caFile} is repeated in the watch command when the broker uses TLS. */
  static DemoFooter forBroker(String brokerUrl, Path caFile) {
    String watch = "./locolink watch --broker " + brokerUrl + (caFile == null ? "" : " --ca-file " + caFile);
    return new DemoFooter(List.of(
        "  broker:                 " + brokerUrl,
        "  from another terminal:  " + watch));
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
