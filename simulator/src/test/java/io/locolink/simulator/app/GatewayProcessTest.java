package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.CellChainDecoder;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import io.locolink.testing.MosquittoBroker;
import io.locolink.simulator.testing.LocolinkProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onboard program as a separate process ({@code locolink gateway --config FILE} on the
 * simulator platform) against a real Mosquitto, watched by a separate subscriber, then killed.
 */
class GatewayProcessTest {

  /**
   * The shunt's pack voltage and the BMS's cells are read at different moments (the BMS over three
   * cycles once a second), so the sum of the cells is compared with the range of pack voltages the
   * shunt saw over that frame and the one before, widened by the BMS's 1 mV steps (216 x 0.5 mV)
   * and the shunt's divider and gain error (0.1 % of ~700 V).
   */
  private static final double PACK_TOLERANCE_V = 216 * 0.0005 + 0.7;

  private record Message(String topic, byte[] payload, boolean retained) {}

  @Test
  void framesArriveInSequenceWithPlausibleCellsAndTheLastWillMarksTheKilledGatewayOffline(@TempDir Path dir)
      throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      Path config = dir.resolve("locolink.yaml");
      Files.writeString(config, """
          locomotive:
            id: KZ-TEST-7
          platform: simulator
          stateDir: "%s"
          mqtt:
            url: %s
            statusIntervalS: 5
          depot:
            enabled: false
          """.formatted(dir.resolve("state").toString().replace("\\", "/"), broker.url()));
      BlockingQueue<Message> received = new LinkedBlockingQueue<>();
      MqttClient ground = new MqttClient(broker.url(), "ground-test", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      ground.connect(options);
      ground.subscribe("locolink/v1/KZ-TEST-7/#", 1,
          (topic, m) -> received.add(new Message(topic, m.getPayload(), m.isRetained())));

      Process gateway = LocolinkProcess.start(dir.resolve("gateway.log"), List.of(), "gateway", "--config",
          config.toString());
      List<DecodedFrame> frames = new ArrayList<>();
      CellChainDecoder decoder = new CellChainDecoder(1);
      TreeSet<Long> sequences = new TreeSet<>();
      Status online = null;
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((frames.size() < 6 || online == null) && System.nanoTime() < deadline) {
          Message m = LocolinkProcess.next(received, gateway, dir.resolve("gateway.log"));
          if (m == null) {
            continue;
          }
          if (m.topic().endsWith("/telemetry")) {
            DecodedFrame frame = decoder.decode(m.payload());
            frames.add(frame);
            assertTrue(sequences.add(frame.sequence()), "no duplicate on a healthy link: " + frame.sequence());
          } else if (m.topic().endsWith("/energy") || m.topic().endsWith("/alarm") || m.topic().endsWith("/trip")) {
            // Energy records, alarms and trip summaries take their sequence numbers from the same counter.
            assertTrue(sequences.add(headerOf(m).getSequence()));
          } else if (m.topic().endsWith("/status")) {
            Status s = Status.parseFrom(m.payload());
            if (s.getLink() == LinkState.LINK_ONLINE) {
              online = s;
            }
          }
        }
      } finally {
        gateway.destroyForcibly();
        gateway.waitFor(10, TimeUnit.SECONDS);
      }
      String log = Files.readString(dir.resolve("gateway.log"));
      assertTrue(frames.size() >= 6, "telemetry frames received: " + frames.size() + "\n" + log);
      assertTrue(online != null, "an online status was published\n" + log);
      assertEquals("KZ-TEST-7", online.getHeader().getLocomotiveId());

      DecodedFrame previous = null;
      for (DecodedFrame f : frames) {
        assertEquals(216, f.cellVoltagesV().length, "every cell of the reference pack");
        double sum = 0;
        for (double v : f.cellVoltagesV()) {
          assertTrue(v >= 2.5 && v <= 3.65, "LFP cell voltage within 2.5..3.65 V: " + v);
          sum += v;
        }
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (DecodedFrame g : previous == null ? List.of(f) : List.of(previous, f)) {
          for (double v : g.packVoltageV()) {
            low = Math.min(low, v);
            high = Math.max(high, v);
          }
        }
        assertTrue(sum >= low - PACK_TOLERANCE_V && sum <= high + PACK_TOLERANCE_V,
            "pack voltage is the sum of its cells: cells " + sum + " V, shunt " + low + ".." + high + " V");
        previous = f;
      }
      assertEquals(sequences.last() - sequences.first() + 1, sequences.size(),
          "messages of one boot carry consecutive sequence numbers across their streams: " + sequences);

      // The broker publishes the last will once it notices the killed client's socket closed.
      Status will = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (will == null && System.nanoTime() < deadline) {
        Message m = received.poll(1, TimeUnit.SECONDS);
        if (m != null && m.topic().endsWith("/status") && Status.parseFrom(m.payload()).getLink() == LinkState.LINK_OFFLINE) {
          will = Status.parseFrom(m.payload());
        }
      }
      assertTrue(will != null, "the last will marks the killed gateway offline");

      // A ground client that connects later still learns the state from the retained status.
      BlockingQueue<MqttMessage> late = new LinkedBlockingQueue<>();
      MqttClient latecomer = new MqttClient(broker.url(), "ground-late", new MemoryPersistence());
      latecomer.connect(options);
      latecomer.subscribe("locolink/v1/KZ-TEST-7/status", 1, (t, m) -> late.add(m));
      MqttMessage retained = late.poll(10, TimeUnit.SECONDS);
      assertTrue(retained != null && retained.isRetained(), "status is retained");
      assertEquals(LinkState.LINK_OFFLINE, Status.parseFrom(retained.getPayload()).getLink());
      latecomer.disconnect();
      ground.disconnect();
    }
  }

  private static Header headerOf(Message m) throws Exception {
    var message = StreamKind.ofTopicSuffix(m.topic().substring(m.topic().lastIndexOf('/') + 1)).orElseThrow()
        .parse(m.payload());
    return (Header) message.getField(message.getDescriptorForType().findFieldByName("header"));
  }
}
