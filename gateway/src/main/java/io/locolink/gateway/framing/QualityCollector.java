package io.locolink.gateway.framing;

import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ORs together the quality masks seen per (channel, index) over a frame; good channels vanish, and
 * neighbouring indices with the same mask become one run, so a silent BMS costs one entry, not 216.
 */
final class QualityCollector {

  private final Map<Channel, TreeMap<Integer, Integer>> flags = new TreeMap<>();

  void add(Channel channel, int index, int mask) {
    if (mask != 0) {
      flags.computeIfAbsent(channel, c -> new TreeMap<>()).merge(index, mask, (a, b) -> a | b);
    }
  }

  void addAll(Channel channel, int[] masks) {
    for (int i = 0; i < masks.length; i++) {
      add(channel, i, masks[i]);
    }
  }

  List<ChannelQuality> entries() {
    List<ChannelQuality> out = new ArrayList<>();
    flags.forEach((channel, byIndex) -> {
      ChannelQuality.Builder run = null;
      for (var e : byIndex.entrySet()) {
        boolean extends_ = run != null && run.getFlags() == e.getValue()
            && run.getIndex() + Math.max(1, run.getCount()) == e.getKey();
        if (extends_) {
          run.setCount(Math.max(1, run.getCount()) + 1);
        } else {
          if (run != null) {
            out.add(run.build());
          }
          run = ChannelQuality.newBuilder().setChannel(channel).setIndex(e.getKey()).setFlags(e.getValue());
        }
      }
      if (run != null) {
        out.add(run.build());
      }
    });
    return out;
  }
}
