package io.locolink.gateway.uplink;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.TelemetryFrame;

/** Encoded test messages whose header carries the (boot id, sequence) the ground checks. */
final class Synthetic {

  private Synthetic() {}

  static byte[] message(StreamKind kind, String loco, long bootId, long sequence, long timeMs, int paddingSamples) {
    Header h = Header.newBuilder().setLocomotiveId(loco).setBootId(bootId).setSequence(sequence)
        .setTimeUnixMs(timeMs).build();
    return switch (kind) {
      case TELEMETRY -> {
        TelemetryFrame.Builder f = TelemetryFrame.newBuilder().setHeader(h).setSpanMs(1000);
        for (int i = 0; i < paddingSamples; i++) {
          f.addSampleOffsetMs(i * 100);
        }
        yield f.build().toByteArray();
      }
      case ENERGY -> EnergyRecord.newBuilder().setHeader(h).setPeriodS(300).setConsumedWh(sequence).build().toByteArray();
      case ALARM -> Alarm.newBuilder().setHeader(h).setCode("CELL_VOLTAGE_HIGH").build().toByteArray();
      default -> throw new IllegalArgumentException("no synthetic " + kind);
    };
  }
}
