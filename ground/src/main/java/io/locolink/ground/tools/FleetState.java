package io.locolink.ground.tools;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.CellChainDecoder;
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
    /** Accounts of the boots seen, oldest first; only the last {@link #BOOTS_KEPT} are kept. */
    private final LinkedHashMap<Long, BootAccount> boots = new LinkedHashMap<>();
    /** Missing numbers of boots no longer kept. */
    private long retiredGaps;
  }

  /** Boots whose accounting a locomotive's view keeps; older ones' missing counts are frozen. */
  static final int BOOTS_KEPT = 8;

  private final Map<String, Loco> locos = new ConcurrentHashMap<>();
  private final CellChainDecoder frames = new CellChainDecoder(4096);

  /** Folds one received message in; undecodable bytes are counted, never thrown. */
  public synchronized void accept(GroundSubscriber.Received message) {
    Loco loco = locos.computeIfAbsent(message.locomotiveId(), id -> new Loco());
    loco.messages++;
    try {
      switch (message.type()) {
        case TELEMETRY -> {
          loco.frame = frames.decode(message.payload());
          loco.frameReceivedMillis = message.receivedMillis();
          track(loco, loco.frame.bootId(), loco.frame.sequence());
        }
        case STATUS -> {
          loco.status = Status.parseFrom(message.payload());
          handover(loco, loco.status);
        }
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
   * Gaps are counted per boot, between the bounds the gateway states and the highest number seen.
   * Sequence numbers are shared by all of a locomotive's streams, so a hole seen on the live feed
   * may be filled later by another stream or the backlog, and the count comes down when it is. A
   * restart's deliberate jump is not a gap: the new boot states its first sequence, and the last
   * one the old boot appended, which closes the old boot's count.
   */
  private static void track(Loco loco, long bootId, long sequence) {
    if (sequence <= 0) {
      return;
    }
    BootAccount account = account(loco, bootId);
    if (!account.receive(sequence)) {
      loco.duplicates++;
    }
    loco.gaps = missing(loco);
  }

  /** A status of a new boot closes the previous boot's account and opens its own at its first sequence. */
  private static void handover(Loco loco, Status status) {
    long previous = status.getPreviousBootId();
    if (previous != 0 && loco.boots.containsKey(previous)) {
      // the boot before was watched, so this one's first sequence is where its count starts
      loco.boots.get(previous).stateLast(status.getPreviousBootLastSequence());
      account(loco, status.getHeader().getBootId()).stateFirst(status.getBootFirstSequence());
    }
    loco.gaps = missing(loco);
  }

  private static BootAccount account(Loco loco, long bootId) {
    BootAccount account = loco.boots.get(bootId);
    if (account == null) {
      if (loco.boots.size() == BOOTS_KEPT) {
        var oldest = loco.boots.entrySet().iterator();
        loco.retiredGaps += oldest.next().getValue().missing();
        oldest.remove();
      }
      account = new BootAccount();
      loco.boots.put(bootId, account);
    }
    return account;
  }

  private static long missing(Loco loco) {
    long n = loco.retiredGaps;
    for (BootAccount a : loco.boots.values()) {
      n += a.missing();
    }
    return n;
  }

  /** A copy of the locomotive ids and views, sorted by id. */
  public synchronized Map<String, Loco> snapshot() {
    return new TreeMap<>(locos);
  }

  /** True when the locomotive's last will (or its own status) says it is offline; false for one not heard yet (null). */
  public static boolean offline(Loco loco) {
    return loco != null && loco.status != null && loco.status.getLink() == LinkState.LINK_OFFLINE;
  }

  /** The codes of the locomotive's active alarms, most severe first. */
  public static List<Alarm> alarmsBySeverity(Loco loco) {
    return loco.activeAlarms.values().stream()
        .sorted((a, b) -> Integer.compare(b.getTierValue(), a.getTierValue())).toList();
  }
}
