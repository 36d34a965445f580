package io.locolink.simulator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Checks that a command's {@code --help} reads on an 80-column terminal. */
public final class HelpLayout {

  /** Characters a line of help on an 80-column terminal (79, so that none wraps by itself). */
  public static final int WIDTH = 79;

  private HelpLayout() {}

  /**
   * Runs {@code args} (ending in {@code --help}) on {@code cli} and checks that every line of the help
   * fits {@link #WIDTH} and that each paragraph is wrapped only where its next word would not fit: no
   * description line is cut short by a line break in the source.
   *
   * @return the help
   */
  public static String assertWrappedAt80Columns(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute(args), String.join(" ", args));
    List<String> lines = out.toString().lines().toList();
    for (String line : lines) {
      assertTrue(line.length() <= WIDTH, "longer than " + WIDTH + " characters: " + line);
    }
    int first = 1;
    while (lines.get(first).startsWith(" ")) {
      first++; // the synopsis
    }
    for (int i = first; i + 1 < lines.size(); i++) {
      String line = lines.get(i);
      String next = lines.get(i + 1).strip();
      boolean optionAlone = line.strip().startsWith("-") && !line.strip().contains(" ");
      if (next.startsWith("-") || line.endsWith(".") || line.endsWith(":") || optionAlone) {
        continue; // the next line starts an option, a paragraph or a list, or describes a long option
      }
      String word = next.split(" ", 2)[0];
      assertTrue(line.length() + 1 + word.length() > WIDTH,
          "line " + (i + 1) + " ends early: '" + line + "' could take '" + word + "'\n" + out);
    }
    return out.toString();
  }
}
