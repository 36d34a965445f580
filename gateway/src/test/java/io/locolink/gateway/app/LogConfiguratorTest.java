package io.locolink.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's logging, as logback finds it through its service loader: levels, format, stderr. */
class LogConfiguratorTest {

  @Test
  void logsOwnInfoAndLibraryWarningsToStderrInTheLineFormat() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());  // as logback's SLF4J provider sets it
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      new ContextInitializer(context).autoConfig();  // the way logback configures itself at first use
      context.getLogger("io.locolink.gateway.app.Gateway").info("gateway started");
      context.getLogger("io.locolink.gateway.app.Gateway").debug("not at INFO");
      context.getLogger("org.eclipse.paho.Client").info("library chatter");
      context.getLogger("org.eclipse.paho.Client").warn("library warning");
      context.getLogger("com.pi4j.boardinfo.util.BoardInfoHelper").error("no board model off a Pi");
    } finally {
      System.setErr(err);
      context.stop();
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    String[] lines = out.split("\n");
    assertEquals(2, lines.length, out);
    // HH:mm:ss.SSS, the level padded to 5, the logger abbreviated to about 20 characters
    assertTrue(lines[0].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  i\\.l\\.g\\.app\\.Gateway - gateway started"),
        lines[0]);
    assertTrue(lines[1].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  o\\.e\\.paho\\.Client - library warning"),
        lines[1]);
    assertFalse(out.contains("library chatter"));
  }

  @Test
  void isTheConfiguratorLogbackDiscovers() {
    assertTrue(java.util.ServiceLoader.load(Configurator.class).stream()
        .anyMatch(p -> p.type() == LogConfigurator.class));
  }
}
