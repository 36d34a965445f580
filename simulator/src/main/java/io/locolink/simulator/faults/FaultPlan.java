package io.locolink.simulator.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults of a run: from a command-line spec ({@code bms-silence@120s+30s,gnss-loss@10m+1m})
 * or a scenario file's list of spec strings. Immutable.
 */
public record FaultPlan(List<Fault> faults) {

  public FaultPlan {
    faults = List.copyOf(faults);
  }

  public static FaultPlan none() {
    return new FaultPlan(List.of());
  }

  /** Parses comma-separated specs; see {@link Fault#parse}. */
  public static FaultPlan parse(String specs) {
    List<String> parts = new ArrayList<>();
    for (String part : specs.split(",")) {
      if (!part.isBlank()) {
        parts.add(part);
      }
    }
    return fromSpecs(parts);
  }

  /** One spec per element, as a scenario file lists them. */
  public static FaultPlan fromSpecs(List<String> specs) {
    return new FaultPlan(specs.stream().map(Fault::parse).toList());
  }
}
