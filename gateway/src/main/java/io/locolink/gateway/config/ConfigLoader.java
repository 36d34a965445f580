package io.locolink.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration into typed records and turns every problem into a
 * {@link ConfigException} that names the key and what is wrong. Unknown keys are errors.
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

  /** Every section present and empty: each takes its defaults, and every section's deserializer gets built. */
  static final String WARM_UP = """
      locomotive: {id: WARM-UP}
      stateDir: /
      framing: {}
      estimation: {}
      devices: {}
      journal: {}
      mqtt: {url: "tcp://localhost:1883"}
      uplink: {}
      trips: {}
      depot: {}
      simulator: {}
      """;

  /**
   * Builds the YAML parser and the deserializers of every configuration record (reflection over some
   * hundred classes) by parsing a built-in configuration, so that a {@link #load} on another thread
   * finds them ready: the gateway calls it on a thread of its own while the command line is parsed.
   * Any thread; never throws.
   */
  public static void warmUp() {
    try {
      parse(WARM_UP, LocoLinkConfig.class);
    } catch (RuntimeException e) {
      // Only the time it saves is at stake; load() reports every problem of the real file.
    }
  }

  /** Parses YAML text into {@code type}, validating it. */
  public static <T> T parse(String yaml, Class<T> type) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new ConfigException("", "the configuration is empty");
      }
      UnknownKeys.check(tree, type, "");
      T value = YAML.treeToValue(tree, type);
      if (value == null) {
        throw new ConfigException("", "the configuration is empty");
      }
      return value;
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  static ConfigException translate(JacksonException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return new ConfigException(path(u), "unknown key; known keys here: " + known(u.getKnownPropertyIds()));
    }
    if (e instanceof ValueInstantiationException v) {
      Throwable cause = v.getCause();
      String parent = path(v);
      if (cause instanceof ConfigException c) {
        return c.under(parent);
      }
      return new ConfigException(parent, cause == null ? v.getOriginalMessage() : cause.getMessage());
    }
    if (e instanceof InvalidFormatException f) {
      return new ConfigException(path(f), "cannot read '" + f.getValue() + "' as " + typeName(f.getTargetType()));
    }
    if (e instanceof MismatchedInputException m) {
      return new ConfigException(path(m), "wrong kind of value: expected " + typeName(m.getTargetType()));
    }
    if (e instanceof JsonMappingException m && m.getCause() instanceof ConfigException c) {
      return c.under(path(m));
    }
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    return new ConfigException("", "not valid YAML" + where + ": " + e.getOriginalMessage());
  }

  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String known(Collection<Object> ids) {
    return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "a value";
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return "one of " + java.util.Arrays.stream(constants).map(String::valueOf).collect(Collectors.joining(", "));
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class || type == Path.class) {
      return "a text value";
    }
    return "a " + type.getSimpleName() + " section";
  }
}
