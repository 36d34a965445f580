package io.locolink.gateway.devices;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A serial link whose far end answers each written frame through a function (empty = silence). */
final class ScriptedSerialLink implements SerialLink {

  private final Function<byte[], byte[]> device;
  private final ArrayDeque<Byte> inbound = new ArrayDeque<>();
  final List<byte[]> written = new ArrayList<>();

  ScriptedSerialLink(Function<byte[], byte[]> device) {
    this.device = device;
  }

  @Override
  public int baud() {
    return 115_200;
  }

  @Override
  public void write(byte[] data) {
    written.add(data.clone());
    for (byte b : device.apply(data)) {
      inbound.add(b);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    int n = 0;
    while (n < length && !inbound.isEmpty()) {
      buffer[offset + n++] = inbound.poll();
    }
    return n;
  }

  @Override
  public void discardInput() {
    inbound.clear();
  }

  @Override
  public void close() {}

  /** A platform that only waits (and does not even do that). */
  static Platform noWaitPlatform() {
    return new Platform() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public com.pi4j.context.Context pi4j() {
        throw new UnsupportedOperationException();
      }

      @Override
      public SerialLink openSerial(String device, int baud) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void pause(Duration duration) {}

      @Override
      public void close() {}
    };
  }
}
