package io.locolink.simulator.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.simulator.physics.ChargerSpec;
import io.locolink.simulator.physics.InitialConditions;
import io.locolink.simulator.physics.Routes;
import io.locolink.simulator.physics.TrailingLoad;
import io.locolink.simulator.physics.TravelDirection;
import io.locolink.simulator.physics.VehicleKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads scenario files (YAML, see SCENARIOS.md) and the built-in scenarios shipped on the
 * classpath under {@code /scenarios/}, as the gateway reads its configuration (SnakeYAML's node
 * tree bound to records by {@link ConfigLoader}; no data-binding library in the gateway's process
 * on the simulator platform). Thread-safe.
 */
public final class Scenarios {

  /** Built-in scenario names. */
  public static final List<String> BUILT_IN =
      List.of("shunting-day", "line-haul", "depot-charge", "winter-cold-start");

  private static final JsonFactory JSON = new JsonFactory();

  private Scenarios() {}

  /** What is wrong with a name that is not a built-in scenario's, naming those there are. */
  public static String unknown(String name) {
    return "unknown scenario '" + name + "'; built in: " + BUILT_IN;
  }

  /**
   * A built-in scenario by name.
   *
   * @throws ScenarioFormatException if there is no such scenario or it does not parse
   */
  public static Scenario builtIn(String name) {
    if (!BUILT_IN.contains(name)) {
      throw new ScenarioFormatException(unknown(name));
    }
    String resource = "/scenarios/" + name + ".yaml";
    try (InputStream in = Scenarios.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ScenarioFormatException("built-in scenario " + resource + " missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new ScenarioFormatException("cannot read built-in scenario " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Reads a scenario file. */
  public static Scenario load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new ScenarioFormatException("scenario file not found: " + file, e);
    } catch (IOException e) {
      throw new ScenarioFormatException("cannot read scenario " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses scenario YAML.
   *
   * @param source where it came from, for messages
   * @throws ScenarioFormatException naming the source, the key and the problem
   */
  public static Scenario parse(String yaml, String source) {
    ScenarioFile f;
    try {
      f = ConfigLoader.parseIfAny(yaml, ScenarioFile.class)
          .orElseThrow(() -> new ScenarioFormatException("scenario " + source + " is empty"));
    } catch (ConfigException e) {
      String where = e.key().isEmpty() ? "" : "key '" + e.key() + "': ";
      throw new ScenarioFormatException("scenario " + source + ": " + where + e.problem(), e);
    }
    try {
      return toScenario(f, source);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new ScenarioFormatException("scenario " + source + ": " + e.getMessage(), e);
    }
  }

  private static Scenario toScenario(ScenarioFile f, String source) {
    String name = required(f.name(), "name");
    VehicleKind vehicle = switch (required(f.vehicle(), "vehicle")) {
      case "hybrid" -> VehicleKind.HYBRID;
      case "battery" -> VehicleKind.BATTERY;
      default -> throw new IllegalArgumentException("key 'vehicle' must be hybrid or battery, not '" + f.vehicle() + "'");
    };
    String route = required(f.route(), "route");
    double routeLength;
    try {
      routeLength = Routes.named(route).lengthM();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key 'route': " + e.getMessage(), e);
    }
    Instant start = Instant.parse(required(f.startUtc(), "startUtc"));
    long seed = required(f.seed(), "seed");
    InitialFile i = required(f.initial(), "initial");
    double position = i.positionM() == null ? 0 : i.positionM();
    if (position < 0 || position > routeLength) {
      throw new IllegalArgumentException("key 'initial.positionM' must be within the route (0.." + Math.round(routeLength) + " m)");
    }
    double ambient = required(i.ambientC(), "initial.ambientC");
    InitialConditions init = new InitialConditions(start, position, direction(i.direction(), "initial.direction"),
        required(i.soc(), "initial.soc"), i.vehicleC() == null ? ambient : i.vehicleC(), ambient,
        new TrailingLoad(i.wagons() == null ? 0 : i.wagons(), i.wagonAxleLoadT() == null ? 23.5 : i.wagonAxleLoadT()));
    List<PhaseFile> phaseFiles = required(f.phases(), "phases");
    List<Phase> phases = new ArrayList<>();
    for (int k = 0; k < phaseFiles.size(); k++) {
      phases.add(toPhase(phaseFiles.get(k), "phases[" + k + "]"));
    }
    List<String> faults = new ArrayList<>();
    if (f.faults() != null) {
      for (Node node : f.faults()) {
        faults.add(node instanceof ScalarNode text ? text.getValue() : compactJson(node));
      }
    }
    Optional<Scenario.Build> build = Optional.empty();
    if (f.build() != null) {
      BuildFile b = f.build();
      build = Optional.of(new Scenario.Build(b.seriesCells() == null ? 216 : b.seriesCells(),
          b.parallelStrings() == null ? 5 : b.parallelStrings(), b.drives() == null ? 6 : b.drives()));
    }
    return new Scenario(name, f.description() == null ? "" : f.description().strip(), vehicle, route, seed,
        f.stepS() == null ? 0.5 : f.stepS(), init, phases, faults, build);
  }

  private static Phase toPhase(PhaseFile p, String key) {
    DutyKind duty = DutyKind.fromYaml(required(p.duty(), key + ".duty"));
    double duration = required(p.durationS(), key + ".durationS");
    if (!(duration > 0)) {
      throw new IllegalArgumentException("key '" + key + ".durationS' must be > 0");
    }
    double speed = p.speedLimitKmh() == null ? (duty == DutyKind.LINE_HAUL ? 60 : 25) : p.speedLimitKmh();
    if (!(speed > 0 && speed <= 120)) {
      throw new IllegalArgumentException("key '" + key + ".speedLimitKmh' must be in (0, 120]");
    }
    Optional<ChargerSpec> charger = Optional.empty();
    if (duty == DutyKind.DEPOT_CHARGE) {
      double kw = p.chargerKw() == null ? 800 : p.chargerKw();
      if (!(kw >= 50 && kw <= 1_500)) {
        throw new IllegalArgumentException("key '" + key + ".chargerKw' must be in 50..1500");
      }
      charger = Optional.of(new ChargerSpec(kw * 1000, kw * 1000 / 730, 70));
    }
    return new Phase(duty, duration, speed, direction(p.direction(), key + ".direction"),
        p.shuntWagons() == null || p.shuntWagons(),
        p.ambientC() == null ? OptionalDouble.empty() : OptionalDouble.of(p.ambientC()), charger);
  }

  private static TravelDirection direction(String text, String key) {
    if (text == null) {
      return TravelDirection.UP;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "up" -> TravelDirection.UP;
      case "down" -> TravelDirection.DOWN;
      default -> throw new IllegalArgumentException("key '" + key + "' must be up or down, not '" + text + "'");
    };
  }

  private static <T> T required(T value, String key) {
    if (value == null) {
      throw new IllegalArgumentException("key '" + key + "' is required");
    }
    return value;
  }

  /** A fault entry that is a mapping or a list, as compact JSON for the fault plan (YAML's types kept). */
  private static String compactJson(Node node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writeJson(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);  // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void writeJson(JsonGenerator g, Node node) throws IOException {
    switch (node) {
      case MappingNode m -> {
        g.writeStartObject();
        for (NodeTuple t : m.getValue()) {
          if (!(t.getKeyNode() instanceof ScalarNode key)) {
            throw new IllegalArgumentException("a fault entry's keys must be plain names");
          }
          g.writeFieldName(key.getValue());
          writeJson(g, t.getValueNode());
        }
        g.writeEndObject();
      }
      case SequenceNode s -> {
        g.writeStartArray();
        for (Node element : s.getValue()) {
          writeJson(g, element);
        }
        g.writeEndArray();
      }
      case ScalarNode s -> writeScalar(g, s);
      default -> throw new IllegalArgumentException("a fault entry cannot hold " + node.getNodeId());
    }
  }

  /** A scalar as the type YAML resolves it to: integers and decimals as numbers, true/false, null, else text. */
  private static void writeScalar(JsonGenerator g, ScalarNode s) throws IOException {
    String text = s.getValue();
    Tag tag = s.getTag();
    if (tag.equals(Tag.INT) && text.matches("[-+]?[0-9][0-9_]*")) {
      g.writeNumber(new java.math.BigInteger(text.replace("_", "").replace("+", "")));
    } else if (tag.equals(Tag.FLOAT) && text.matches("[-+]?[0-9.][0-9_.]*([eE][-+]?[0-9]+)?")) {
      g.writeNumber(Double.parseDouble(text.replace("_", "")));
    } else if (tag.equals(Tag.BOOL) && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      g.writeBoolean(text.equalsIgnoreCase("true"));
    } else if (tag.equals(Tag.NULL)) {
      g.writeNull();
    } else {
      g.writeString(text);
    }
  }

  record ScenarioFile(String name, String description, String vehicle, String route, String startUtc, Long seed,
      Double stepS, BuildFile build, InitialFile initial, List<PhaseFile> phases, List<Node> faults) {}

  record BuildFile(Integer seriesCells, Integer parallelStrings, Integer drives) {}

  record InitialFile(Double positionM, String direction, Double soc, Double vehicleC, Double ambientC,
      Integer wagons, Double wagonAxleLoadT) {}

  record PhaseFile(String duty, Double durationS, Double speedLimitKmh, String direction, Boolean shuntWagons,
      Double ambientC, Double chargerKw) {}
}
