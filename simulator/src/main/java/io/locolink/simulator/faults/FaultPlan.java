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

  /** One spec per element; see {@link Fault#parse}. */
  public static FaultPlan fromSpecs(List<String> specs) {
    return new FaultPlan(specs.stream().map(Fault::parse).toList());
  }

  /**
   * A scenario file's {@code faults:} entries as {@code Scenario.faults()} keeps them: a text entry
   * is a spec ({@link Fault#parse}); a mapping entry (compact JSON) names {@code fault} (a spec word)
   * or {@code device: insulation}, and optionally {@code target}, {@code at} (s, default 0),
   * {@code for} (s, default the rest of the run) and {@code magnitude} or {@code leakOhm}.
   *
   * @throws IllegalArgumentException naming the entry and what is wrong with it
   */
  public static FaultPlan fromScenario(List<String> entries) {
    return new FaultPlan(entries.stream().map(e -> e.strip().startsWith("{") ? fromMapping(e) : Fault.parse(e))
        .toList());
  }

  private static Fault fromMapping(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      FaultKind kind = node.has("fault") ? FaultKind.ofWord(node.get("fault").asText())
          : "insulation".equals(node.path("device").asText()) ? FaultKind.INSULATION_LEAK : null;
      if (kind == null) {
        throw new IllegalArgumentException("needs 'fault' (a fault word) or 'device: insulation'");
      }
      double magnitude = node.has("magnitude") ? node.get("magnitude").asDouble()
          : node.has("leakOhm") ? node.get("leakOhm").asDouble()
          : Fault.parse(kind.word() + "@0s+1s").magnitude();
      return new Fault(kind, node.path("target").asText(""), node.path("at").asDouble(0),
          node.has("for") ? node.get("for").asDouble() : Double.POSITIVE_INFINITY, magnitude);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("fault entry " + json + ": " + e.getMessage(), e);
    }
  }
}
