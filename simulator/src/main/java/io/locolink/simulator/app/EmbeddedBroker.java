package io.locolink.simulator.app;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/**
 * An in-process MQTT 5 broker (HiveMQ Community Edition, embedded) on loopback, so the demo needs
 * no set-up and its ground station gets what it needs from a broker: MQTT 5, shared subscriptions,
 * persistent sessions. It keeps everything in memory, reports nothing home, and queues up to
 * {@value #QUEUE_LIMIT} messages per absent session (HiveMQ's default, 1,000, would drop a
 * station's backlog after a few minutes away). Only for the demo: tests and real deployments use a
 * real broker (Mosquitto, EMQX, HiveMQ).
 */
public final class EmbeddedBroker implements AutoCloseable {

  static final int QUEUE_LIMIT = 1_000_000;

  private final EmbeddedHiveMQ hivemq;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
    this.hivemq = hivemq;
    this.port = port;
  }

  /**
   * Starts a broker on {@code 127.0.0.1:port}; port 0 picks a free one. Blocks until it listens.
   *
   * @param workDir where the broker's configuration and (empty) data folders go; created if missing
   */
  public static EmbeddedBroker start(int port, Path workDir) throws IOException {
    int chosen = port == 0 ? freePort() : port;
    Path conf = Files.createDirectories(workDir.resolve("conf"));
    Files.writeString(conf.resolve("config.xml"), config(chosen), StandardCharsets.UTF_8);
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(Files.createDirectories(workDir.resolve("data")))
        .withExtensionsFolder(Files.createDirectories(workDir.resolve("extensions")))
        .withoutLoggingBootstrap()
        .build();
    try {
      hivemq.start().join();
    } catch (CompletionException e) {
      closeQuietly(hivemq);
      throw new IOException("the embedded broker did not start on 127.0.0.1:" + chosen + ": " + e.getCause(), e);
    }
    return new EmbeddedBroker(hivemq, chosen);
  }

  static String config(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
              <strategy>discard</strategy>
            </queued-messages>
          </mqtt>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port, QUEUE_LIMIT);
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().join();
    } finally {
      closeQuietly(hivemq);
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (Exception e) {
      // stopping anyway: nothing more to do
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
