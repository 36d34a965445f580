package io.locolink.ground.testing;

import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.BatteryState;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import io.locolink.proto.v1.TelemetryFrame;
import java.util.function.LongPredicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Wire messages built field by field for the station's tests, so expected values are plain arithmetic. */
public final class Frames {

  private Frames() {}

  /**
   * A one-second frame with two fast samples (at 0 and 500 ms) of pack voltage and current.
   *
   * @param packCv the two pack voltages in 10 mV
   * @param packDa the two pack currents in 0.1 A
   * @param socPm the gateway's state of charge estimate, per mille
   */
  public static TelemetryFrame telemetry(String loco, long boot, long seq, long timeMs, int[] packCv, int[] packDa,
      int socPm) {
    return TelemetryFrame.newBuilder()
        .setHeader(header(loco, boot, seq, timeMs))
        .setSpanMs(1000)
        .addSampleOffsetMs(0).addSampleOffsetMs(500)
        .setBattery(BatteryPack.newBuilder()
            .addVoltageCvDelta(packCv[0]).addVoltageCvDelta(packCv[1] - packCv[0])
            .addCurrentDaDelta(packDa[0]).addCurrentDaDelta(packDa[1] - packDa[0])
            .setBmsSocPermille(socPm + 5))
        .setState(BatteryState.newBuilder().setSocPermille(socPm))
        .build();
  }

  /** A status message. */
  public static Status status(String loco, long boot, long timeMs, boolean online) {
    return Status.newBuilder().setHeader(header(loco, boot, 0, timeMs))
        .setLink(online ? LinkState.LINK_ONLINE : LinkState.LINK_OFFLINE).setSoftwareVersion("test").build();
  }

  public static Header header(String loco, long boot, long seq, long timeMs) {
    return Header.newBuilder().setLocomotiveId(loco).setBootId(boot).setSequence(seq).setTimeUnixMs(timeMs).build();
  }

  /** The same message with the header's historical flag appended (as the gateway's uplink does for backlog). */
  public static byte[] historical(byte[] message) {
    byte[] flag = Header.newBuilder().setHistorical(true).build().toByteArray();
    byte[] out = new byte[message.length + 2 + flag.length];
    System.arraycopy(message, 0, out, 0, message.length);
    out[message.length] = 0x0A;  // field 1 (header), wire type 2
    out[message.length + 1] = (byte) flag.length;
    System.arraycopy(flag, 0, out, message.length + 2, flag.length);
    return out;
  }

  /**
   * Publishes {@code loco}'s frames of boot 3 at QoS 1, sequence 1, 2, ... one second apart from
   * {@code t0Ms}, while {@code more} accepts the next sequence, pausing {@code pauseMs} after every
   * {@code pauseEvery} frames: a steady stream for a test to stop or kill a station in the middle of.
   */
  public static void publishSteadily(String brokerUrl, String clientId, String loco, long t0Ms, LongPredicate more,
      int pauseEvery, long pauseMs) {
    try {
      MqttClient publisher = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMaxInflight(1000);
      publisher.connect(options);
      for (long seq = 1; more.test(seq); seq++) {
        publisher.publish("locolink/v1/" + loco + "/telemetry", telemetry(loco, 3, seq, t0Ms + seq * 1000L,
            new int[] {70000, 70010}, new int[] {100, 120}, 500).toByteArray(), 1, false);
        if (seq % pauseEvery == 0) {
          Thread.sleep(pauseMs);
        }
      }
      publisher.disconnect();
      publisher.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
