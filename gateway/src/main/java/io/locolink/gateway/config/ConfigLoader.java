package io.locolink.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML configuration into typed records and turns every problem into a
 * {@link ConfigException} that names the key and what is wrong. Unknown keys are errors.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /** Reads and validates {@code file}. */
  public static LocoLinkConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
    }
    return parse(text, LocoLinkConfig.class);
  }

  /**
   * Parses YAML text into {@code type}, validating it: SnakeYAML's node tree bound to the records by
   * {@link YamlBinder} (no data-binding library, whose start-up reflection cost the gateway's start).
   */
  public static <T> T parse(String yaml, Class<T> type) {
    return parseIfAny(yaml, type).orElseThrow(() -> new ConfigException("", "the configuration is empty"));
  }

  /** As {@link #parse}, but empty when the text holds no document or an empty one. */
  public static <T> Optional<T> parseIfAny(String yaml, Class<T> type) {
    Node tree = tree(yaml);
    if (tree == null) {
      return Optional.empty();
    }
    YamlBinder.checkKeys(tree, type, "");
    return Optional.ofNullable(type.cast(YamlBinder.bind(tree, type, "")));
  }

  /**
   * One top-level key of a YAML text bound to {@code type} and validated as {@link #parse} does, the
   * other keys left unread; empty when the key is absent or has no value. Problems name the key from the
   * file's root ({@code devices.motion.wheelDiameterM}).
   */
  public static <T> Optional<T> section(String yaml, String key, Class<T> type) {
    Node tree = tree(yaml);
    if (tree == null) {
      return Optional.empty();
    }
    if (!(tree instanceof MappingNode root)) {
      throw new ConfigException("", "wrong kind of value: expected a section of keys and values");
    }
    for (NodeTuple t : root.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        YamlBinder.checkKeys(t.getValueNode(), type, key);
        return Optional.ofNullable(type.cast(YamlBinder.bind(t.getValueNode(), type, key)));
      }
    }
    return Optional.empty();
  }

  /** SnakeYAML's node tree of the text's single document (null when it has none). */
  private static Node tree(String yaml) {
    try {
      LoaderOptions options = new LoaderOptions();
      return new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : " at line " + (mark.getLine() + 1);
      throw new ConfigException("", "not valid YAML" + where + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException("", "not valid YAML: " + e.getMessage());
    }
  }
}
