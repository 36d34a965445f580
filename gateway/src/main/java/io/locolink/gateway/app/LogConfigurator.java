package io.locolink.gateway.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging of the {@code locolink} command line, set in code rather than by a logback.xml (logback finds this
 * class through {@code META-INF/services}): parsing an XML configuration loads some 400 classes of logback's
 * Joran and the JDK's XML parser, which cost the gateway start-up time and resident memory for nothing.
 *
 * <p>Warnings from libraries, LocoLink's own messages at {@code -Dlocolink.log.level} (default INFO), all on
 * stderr so that stdout stays clean for decode's JSON and the live views; Pi4J's board detection, which cannot
 * read a board model off a Pi (the simulator, a laptop), is silenced. Secrets are never logged. A
 * {@code -Dlogback.configurationFile} given on the command line still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  /** The line format: time of day, level, abbreviated logger, message. */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("io.locolink").setLevel(Level.toLevel(System.getProperty("locolink.log.level"), Level.INFO));
    context.getLogger("com.pi4j.boardinfo").setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
