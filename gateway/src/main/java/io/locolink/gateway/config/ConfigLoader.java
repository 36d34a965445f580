package io.locolink.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
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
    Node tree;
    try {
      LoaderOptions options = new LoaderOptions();
      tree = new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : " at line " + (mark.getLine() + 1);
      throw new ConfigException("", "not valid YAML" + where + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException("", "not valid YAML: " + e.getMessage());
    }
    if (tree == null) {
      throw new ConfigException("", "the configuration is empty");
    }
    YamlBinder.checkKeys(tree, type, "");
    Object value = YamlBinder.bind(tree, type, "");
    if (value == null) {
      throw new ConfigException("", "the configuration is empty");
    }
    return type.cast(value);
  }
}
