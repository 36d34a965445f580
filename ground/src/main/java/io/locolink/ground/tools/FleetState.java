package io.locolink.ground.tools;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ground knows of each locomotive: its last frame, status, energy record, active alarms
 * and how many messages it is provably missing (gaps in the sequence numbers of one boot).
 * Thread-safe: updated on the subscriber's thread, read by the view's.
 */
public final class FleetState {

  /** One locomotive's view. Mutable; guarded by the FleetState's lock. */
  public static final class Loco {
    public DecodedFrame frame;
    public long frameReceivedMillis;
    public Status status;
    public EnergyRecord lastEnergy;
    public final Map<String, Alarm> activeAlarms = new LinkedHashMap<>();
    public long messages;
    public long gaps;
    public long duplicates;
    public long undecodable;
    private long bootId;
    private long highestSequence = -1;
  }

  private final Map<String, Loco> locos = new ConcurrentHashMap<>();

  /** Folds one received message in; undecodable bytes are counted, never thrown. */
  public synchronized void accept(GroundSubscriber.Received message) {
    Loco loco = locos.computeIfAbsent(message.locomotiveId(), id -> new Loco());
    loco.messages++;
    try {
      switch (message.type()) {
        case TELEMETRY -> {
          loco.frame = TelemetryFrameDecoder.decode(message.payload());
          loco.frameReceivedMillis = message.receivedMillis();
          track(loco, loco.frame.bootId(), loco.frame.sequence());
        }
        case STATUS -> loco.status = Status.parseFrom(message.payload());
        case ENERGY -> {
          loco.lastEnergy = EnergyRecord.parseFrom(message.payload());
          track(loco, loco.lastEnergy.getHeader().getBootId(), loco.lastEnergy.getHeader().getSequence());
        }
        case ALARM -> {
          Alarm alarm = Alarm.parseFrom(message.payload());
          track(loco, alarm.getHeader().getBootId(), alarm.getHeader().getSequence());
          String key = alarm.getCode() + "#" + alarm.getIndex();
          if (alarm.getEvent() == AlarmEvent.ALARM_CLEARED) {
            loco.activeAlarms.remove(key);
          } else {
            loco.activeAlarms.put(key, alarm);
          }
        }
        case TRIP -> {
          var header = io.locolink.proto.v1.TripSummary.parseFrom(message.payload()).getHeader();
          track(loco, header.getBootId(), header.getSequence());
        }
      }
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      loco.undecodable++;
    }
  }

  /**
   * Gaps are counted within one boot. Sequence numbers are shared by all of a locomotive's streams, so a gap seen on the live feed
   * may be filled later by another stream or the backlog: this counts holes above the highest
   * number seen, an upper bound that the historical backlog brings down on its own account.
   */
  private static void track(Loco loco, long bootId, long sequence) {
    if (sequence < 0) {
      return;
    }
    if (bootId != loco.bootId) {
      // A restart jumps the sequence ahead (the journal reserves numbers in blocks): a new boot
      // starts its own count rather than showing the jump as missing messages.
      loco.bootId = bootId;
      loco.highestSequence = sequence;
      return;
    }
    if (sequence <= loco.highestSequence) {
      return;
    }
    if (loco.highestSequence >= 0 && sequence > loco.highestSequence + 1) {
      loco.gaps += sequence - loco.highestSequence - 1;
    }
    loco.highestSequence = sequence;
  }

  /** A copy of the locomotive ids and views, sorted by id. */
  public synchronized Map<String, Loco> snapshot() {
    return new TreeMap<>(locos);
  }

  /** True when the locomotive's last will (or its own status) says it is offline. */
  public static boolean offline(Loco loco) {
    return loco.status != null && loco.status.getLink() == LinkState.LINK_OFFLINE;
  }

  /** The codes of the locomotive's active alarms, most severe first. */
  public static List<Alarm> alarmsBySeverity(Loco loco) {
    return loco.activeAlarms.values().stream()
        .sorted((a, b) -> Integer.compare(b.getTierValue(), a.getTierValue())).toList();
  }
}
