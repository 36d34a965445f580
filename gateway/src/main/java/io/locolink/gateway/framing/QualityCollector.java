package io.locolink.gateway.framing;

import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ORs together the quality masks seen per (channel, index) over a frame; good channels vanish. */
final class QualityCollector {

  private record Key(Channel channel, int index) {}

  private final Map<Key, Integer> flags = new LinkedHashMap<>();

  void add(Channel channel, int index, int mask) {
    if (mask != 0) {
      flags.merge(new Key(channel, index), mask, (a, b) -> a | b);
    }
  }

  void addAll(Channel channel, int[] masks) {
    for (int i = 0; i < masks.length; i++) {
      add(channel, i, masks[i]);
    }
  }

  List<ChannelQuality> entries() {
    List<ChannelQuality> out = new ArrayList<>(flags.size());
    flags.forEach((key, mask) -> out.add(ChannelQuality.newBuilder()
        .setChannel(key.channel()).setIndex(key.index()).setFlags(mask).build()));
    return out;
  }
}
