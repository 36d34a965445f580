package io.locolink.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Mosquitto broker for integration tests: its own config file, a free loopback port, no
 * persistence, stopped by its PID. Needs the Debian {@code mosquitto} package (installed by
 * {@code .ci/run}); a test that cannot find it fails with a message saying so.
 *
 * <p>{@link #stop()} and {@link #start()} may be called repeatedly to simulate an outage; the port
 * stays the same.
 */
public final class MosquittoBroker implements AutoCloseable {

  private static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"), Path.of("/usr/local/sbin/mosquitto"));

  private final Path dir;
  private final int port;
  private final List<String> extraConfig;
  private Process process;

  private MosquittoBroker(Path dir, int port, List<String> extraConfig) {
    this.dir = dir;
    this.port = port;
    this.extraConfig = List.copyOf(extraConfig);
  }

  /** Starts a plain MQTT broker on a free loopback port. */
  public static MosquittoBroker startPlain() throws IOException {
    return start(List.of());
  }

  /**
   * Starts a broker with extra listener options appended after {@code listener PORT 127.0.0.1}
   * (e.g. {@code cafile}, {@code certfile}, {@code keyfile} for TLS).
   */
  public static MosquittoBroker start(List<String> listenerOptions) throws IOException {
    Path dir = Files.createTempDirectory("mosquitto-test");
    MosquittoBroker broker = new MosquittoBroker(dir, freePort(), listenerOptions);
    broker.start();
    return broker;
  }

  /** Starts (or restarts) the broker process and waits until it accepts connections. */
  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    Path conf = dir.resolve("mosquitto.conf");
    List<String> lines = new ArrayList<>();
    lines.add("persistence false");
    lines.add("log_dest stderr");
    lines.add("log_type error");
    lines.add("log_type warning");
    lines.add("max_queued_messages 100000");
    lines.add("listener " + port + " 127.0.0.1");
    lines.add("allow_anonymous true");
    lines.addAll(extraConfig);
    Files.write(conf, lines);
    process = new ProcessBuilder(executable().toString(), "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.log").toFile())
        .start();
    awaitPort(Duration.ofSeconds(10));
  }

  /** Kills the broker process (SIGKILL) and waits for it to exit. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Stops the broker with SIGTERM, so it writes its persistence file if configured, and waits for it to exit. */
  public synchronized void stopGracefully() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:PORT}, or {@code ssl://...} when the caller configured TLS. */
  public String url(boolean tls) {
    return (tls ? "ssl" : "tcp") + "://127.0.0.1:" + port;
  }

  public String url() {
    return url(false);
  }

  /** The broker's own log, for assertion messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("mosquitto.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitPort(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("mosquitto exited at start: " + log());
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted waiting for mosquitto", e);
        }
      }
    }
    throw new IOException("mosquitto did not open port " + port + " within " + timeout + ": " + log());
  }

  private static Path executable() throws IOException {
    for (Path candidate : CANDIDATES) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IOException("mosquitto not found (looked in " + CANDIDATES
        + "); install the Debian package: apt-get install -y mosquitto (.ci/run does this)");
  }

  /** A TCP port that was free on loopback a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
