package io.locolink.gateway.uplink;

import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;

/**
 * A StatusEncoder as the wiring would write one (in the framing package, the only user of the
 * generated classes in main code): the journal figures from the report, the rest from the gateway.
 */
final class ProtoStatusEncoder implements StatusEncoder {

  private final String loco;
  private final long bootId;

  ProtoStatusEncoder(String loco, long bootId) {
    this.loco = loco;
    this.bootId = bootId;
  }

  @Override
  public byte[] encode(StatusReport r) {
    return Status.newBuilder()
        .setHeader(Header.newBuilder().setLocomotiveId(loco).setBootId(bootId).setTimeUnixMs(r.at().toEpochMilli()))
        .setLink(r.online() ? LinkState.LINK_ONLINE : LinkState.LINK_OFFLINE)
        .setQueueDepth(r.journal().queueDepthRecords())
        .setOldestUnsentAgeS(r.journal().oldestUnsentAge().toSeconds())
        .setDroppedTelemetry(r.journal().droppedTelemetry())
        .setDroppedOther(r.journal().droppedOther())
        .setJournalBytes(r.journal().journalBytes())
        .setJournalBytesWrittenToday(r.journal().bytesWrittenToday())
        .build().toByteArray();
  }
}
