package io.locolink.simulator.app;

import io.moquette.broker.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * An in-process MQTT 3.1.1 broker (Moquette) on loopback, so the demo needs no set-up. Only for
 * the demo: tests and real deployments use a real broker (Mosquitto, EMQX, HiveMQ).
 */
public final class EmbeddedBroker implements AutoCloseable {

  private final Server server;
  private final int port;

  private EmbeddedBroker(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a broker on {@code 127.0.0.1:port}; port 0 picks a free one. Blocks until it listens. */
  public static EmbeddedBroker start(int port) throws IOException {
    int chosen = port == 0 ? freePort() : port;
    Server server = new Server();
    server.withConfig()
        .host("127.0.0.1")
        .port(chosen)
        .allowAnonymous()
        .disablePersistence()
        .disableTelemetry()
        .startServer();
    return new EmbeddedBroker(server, chosen);
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.stopServer();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
