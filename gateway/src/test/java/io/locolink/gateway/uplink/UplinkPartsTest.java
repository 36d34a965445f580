package io.locolink.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.framing.HistoricalFlag;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.gateway.framing.StreamKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink's pieces that need no broker. */
class UplinkPartsTest {

  @TempDir Path dir;

  @Test
  void historicalFlagMergesIntoTheHeaderWithoutTouchingOtherFields() throws Exception {
    byte[] frame = Synthetic.message(StreamKind.TELEMETRY, "KZ8A-0042", 0xCAFEF00DL, 1234, 1_764_000_000_000L, 10);
    TelemetryFrame decoded = TelemetryFrame.parseFrom(HistoricalFlag.mark(frame));
    Header h = decoded.getHeader();
    assertTrue(h.getHistorical());
    assertEquals("KZ8A-0042", h.getLocomotiveId());
    assertEquals(0xCAFEF00DL, h.getBootId());
    assertEquals(1234, h.getSequence());
    assertEquals(1_764_000_000_000L, h.getTimeUnixMs());
    assertEquals(10, decoded.getSampleOffsetMsCount());
    assertEquals(1000, decoded.getSpanMs());

    assertTrue(EnergyRecord.parseFrom(HistoricalFlag.mark(Synthetic.message(StreamKind.ENERGY, "L", 1, 2, 3, 0)))
        .getHeader().getHistorical());
    Alarm alarm = Alarm.parseFrom(HistoricalFlag.mark(Synthetic.message(StreamKind.ALARM, "L", 1, 7, 3, 0)));
    assertTrue(alarm.getHeader().getHistorical());
    assertEquals(7, alarm.getHeader().getSequence());
    assertEquals("CELL_VOLTAGE_HIGH", alarm.getCode());
    // the suffix is exactly: field 1 LEN (0x0A), length 2, field 6 VARINT (0x30), true
    assertArrayEquals(new byte[] {0x0A, 0x02, 0x30, 0x01}, HistoricalFlag.mark(new byte[0]));
    assertFalse(TelemetryFrame.parseFrom(frame).getHeader().getHistorical(), "the stored bytes are not modified");
  }

  @Test
  void backoffDoublesWithJitterUpToTheMaximumAndIsReproducibleFromItsSeed() {
    Backoff a = new Backoff(100, 1000, new SplittableRandom(42));
    Backoff b = new Backoff(100, 1000, new SplittableRandom(42));
    long[] ceilings = {100, 200, 400, 800, 1000, 1000, 1000};
    for (long ceiling : ceilings) {
      long ms = a.next().toMillis();
      assertTrue(ms >= ceiling / 2 && ms < ceiling, ms + " not in [" + ceiling / 2 + ", " + ceiling + ")");
      assertEquals(ms, b.next().toMillis());
    }
    a.reset();
    assertTrue(a.next().toMillis() < 100);
  }

  static final class ManualClock implements InstantSource {
    long ms;

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(ms);
    }
  }

  @Test
  void bandwidthCapPacesBacklogButNeverLive() {
    ManualClock clock = new ManualClock();
    BandwidthLimiter limiter = new BandwidthLimiter(10_000, 10_000, clock);
    assertTrue(limiter.backlogAllowed());
    limiter.spendBacklog(10_000);
    assertFalse(limiter.backlogAllowed());
    limiter.spendLive(5_000); // live passes even with an empty bucket, and is paid for
    assertEquals(501, limiter.waitMs(), "5000 bytes owed at 10000 B/s = 500 ms (+1 ms rounding guard)");
    clock.ms += 500;
    assertFalse(limiter.backlogAllowed());
    clock.ms += 1;
    assertTrue(limiter.backlogAllowed());
    clock.ms += 60_000;
    limiter.spendBacklog(10_000);
    assertFalse(limiter.backlogAllowed(), "the bucket holds at most the burst");
    BandwidthLimiter small = new BandwidthLimiter(10_000, 2_500, clock);
    clock.ms += 60_000;
    assertTrue(small.backlogAllowed());
    small.spendBacklog(2_500);
    assertFalse(small.backlogAllowed(), "a quiet minute still buys only the 2500-byte burst");
  }

  @Test
  void mqttYamlBindsWithDefaults() {
    MqttConfig c = ConfigLoader.parse("""
        url: ssl://broker.example:8883
        caFile: /etc/locolink/ca.pem
        telemetryQos: 0
        reconnect: {initialMs: 500}
        """, MqttConfig.class);
    assertTrue(c.tls());
    assertEquals(Path.of("/etc/locolink/ca.pem"), c.caFile());
    assertEquals(0, (int) c.telemetryQos());
    assertEquals(64, (int) c.inflightWindow());
    assertEquals(50_000L, (long) c.bandwidthCapBytesPerS());
    assertEquals(500, (int) c.reconnect().initialMs());
    assertEquals(60_000, (int) c.reconnect().maxMs());
  }

  @Test
  void mqttValidationNamesTheKeyAndTheProblem() {
    ConfigException plain = assertThrows(ConfigException.class, () -> MqttConfig.loopback("tcp://broker.example:1883"));
    assertEquals("url", plain.key());
    assertTrue(plain.problem().contains("allowPlaintext"), plain.problem());
    MqttConfig.loopback("tcp://127.0.0.1:1883");
    MqttConfig.loopback("tcp://localhost:1883");
    assertEquals("url", assertThrows(ConfigException.class, () -> MqttConfig.loopback("http://x:1")).key());
    assertEquals("clientKeyFile", assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        "url: ssl://b:8883\nclientCertFile: /c.pem\n", MqttConfig.class)).key());
    assertEquals("mqtt.reconnect.maxMs", assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        "url: ssl://b:8883\nreconnect: {initialMs: 5000, maxMs: 1000}\n", MqttConfig.class)).under("mqtt").key());
    assertEquals("telemetryQos", assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        "url: ssl://b:8883\ntelemetryQos: 2\n", MqttConfig.class)).key());
    ConfigLoader.parse("url: tcp://10.0.0.1:1883\nallowPlaintext: true\n", MqttConfig.class);
  }

  @Test
  void secretFilesReadableByOthersAreRefusedWithoutShowingTheSecret() throws Exception {
    Path pw = dir.resolve("password");
    Files.writeString(pw, "s3cret-Pa55\n");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));
    ConfigException e = assertThrows(ConfigException.class, () -> SecretFile.readText("passwordFile", pw));
    assertEquals("passwordFile", e.key());
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), "the secret itself is never in a message");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    assertEquals("s3cret-Pa55", SecretFile.readText("passwordFile", pw));
    assertEquals("passwordFile", assertThrows(ConfigException.class,
        () -> SecretFile.readText("passwordFile", dir.resolve("absent"))).key());
  }
}
