package io.locolink.simulator.faults;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults of a run: from a command-line spec ({@code bms-silence@120s+30s,gnss-loss@10m+1m})
 * or a scenario file's list of spec strings. Immutable.
 */
public record FaultPlan(List<Fault> faults) {

  private static final JsonFactory JSON = new JsonFactory();

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
      Map<String, String> f = fields(json);
      FaultKind kind = f.containsKey("fault") ? FaultKind.ofWord(f.get("fault"))
          : "insulation".equals(f.get("device")) ? FaultKind.INSULATION_LEAK : null;
      if (kind == null) {
        throw new IllegalArgumentException("needs 'fault' (a fault word) or 'device: insulation'");
      }
      double magnitude = f.containsKey("magnitude") ? number(f, "magnitude")
          : f.containsKey("leakOhm") ? number(f, "leakOhm")
          : Fault.parse(kind.word() + "@0s+1s").magnitude();
      return new Fault(kind, f.getOrDefault("target", ""), f.containsKey("at") ? number(f, "at") : 0,
          f.containsKey("for") ? number(f, "for") : Double.POSITIVE_INFINITY, magnitude);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("fault entry " + json + ": " + e.getMessage(), e);
    }
  }

  /**
   * A mapping entry's keys and the text of its values, read with Jackson's streaming parser (no data
   * binding in the gateway's process on the simulator platform).
   */
  private static Map<String, String> fields(String json) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a mapping");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (p.nextToken().isStructStart()) {
          throw new IllegalArgumentException("'" + key + "' must be a single value");
        }
        out.put(key, p.getText());
      }
    }
    return out;
  }

  private static double number(Map<String, String> fields, String key) {
    try {
      return Double.parseDouble(fields.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + key + "' must be a number, not '" + fields.get(key) + "'", e);
    }
  }
}
