package io.locolink.gateway.trips;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.estimation.Estimates;
import java.util.List;
import java.util.Objects;

/**
 * Everything one acquisition cycle hands the trip recorder, once: the snapshot, the estimator's
 * estimates (its cumulative energy registers and seeded SoC among them), and the messages framing
 * encoded and the journal stored in that cycle, each beside the value it encodes so that nothing
 * here parses protobuf again.
 *
 * @param snapshot the cycle's readings
 * @param estimates the estimator's view after them
 * @param frames the telemetry frames this cycle completed, as encoded, in order: none, one, or
 *     several when framing split a frame that would have exceeded its size bound
 * @param energy the energy records this cycle closed and stored
 * @param alarms the alarm messages this cycle stored
 */
public record CycleRecords(Snapshot snapshot, Estimates estimates, List<byte[]> frames,
    List<Encoded<EnergyPeriod>> energy, List<Encoded<AlarmEvent>> alarms) {

  public CycleRecords {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(estimates, "estimates");
    frames = List.copyOf(frames);
    energy = List.copyOf(energy);
    alarms = List.copyOf(alarms);
  }

  /**
   * One stored message: the value and the bytes framing encoded it into.
   *
   * @param value what the message says
   * @param bytes the encoded message, as stored in the journal
   */
  public record Encoded<T>(T value, byte[] bytes) {
    public Encoded {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(bytes, "bytes");
    }
  }
}
