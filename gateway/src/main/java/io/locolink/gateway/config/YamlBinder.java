package io.locolink.gateway.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Binds a YAML node tree to the configuration records through their canonical constructors, so that every
 * record's compact constructor validates and fills in its defaults. Record components may be records,
 * {@code List<T>}, {@code Map<String, T>}, enums (by exact name), {@code String}, {@code Path}, boxed or
 * primitive {@code int}, {@code long}, {@code double} and {@code boolean}, and SnakeYAML's {@link Node} (the
 * value's node tree as it is, for a caller that reads a free-form part itself); a missing or empty value is null
 * (a missing primitive is an error). Scalars are read from their text as YAML 1.1 writes them (integers in
 * decimal, {@code 0x} hexadecimal, {@code 0b} binary or leading-zero octal, underscores allowed; {@code .inf}
 * and {@code .nan}; {@code true/false/yes/no/on/off}), whether quoted or not. Every problem is a
 * {@link ConfigException} naming the key. Stateless; any thread.
 */
final class YamlBinder {

  private static final Pattern INTEGER = Pattern.compile("[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*)");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*)(\\.[0-9_]*)?([eE][-+]?[0-9]+)?");
  private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  private YamlBinder() {}

  /** Fails on the first key of {@code node} that {@code type}'s records do not have, before any binding. */
  static void checkKeys(Node node, Type type, String path) {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class && node instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        checkKeys(s.getValue().get(i), p.getActualTypeArguments()[0], path + "[" + i + "]");
      }
      return;
    }
    if (!(type instanceof Class<?> c) || !c.isRecord() || !(node instanceof MappingNode m)) {
      return;  // scalars, maps and lists of scalars are the binder's to judge
    }
    Map<String, RecordComponent> components = Arrays.stream(c.getRecordComponents())
        .collect(Collectors.toMap(RecordComponent::getName, r -> r));
    for (NodeTuple t : m.getValue()) {
      String name = keyOf(t, path);
      RecordComponent component = components.get(name);
      if (component == null) {
        throw new ConfigException(join(path, name), "unknown key; known keys here: "
            + components.keySet().stream().sorted().collect(Collectors.joining(", ")));
      }
      checkKeys(t.getValueNode(), component.getGenericType(), join(path, name));
    }
  }

  /** {@code node} as a value of {@code type}; null for an empty value. */
  static Object bind(Node node, Type type, String path) {
    if (isNull(node)) {
      if (type instanceof Class<?> c && c.isPrimitive()) {
        throw ConfigException.missing(path);
      }
      return null;
    }
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      if (p.getRawType() == List.class) {
        return list(node, args[0], path);
      }
      if (p.getRawType() == Map.class && args[0] == String.class) {
        return map(node, args[1], path);
      }
    }
    if (type == Node.class) {
      return node;
    }
    if (type instanceof Class<?> c) {
      if (c.isRecord()) {
        return record(node, c, path);
      }
      if (!(node instanceof ScalarNode scalar)) {
        throw wrongKind(path, c);
      }
      return scalar(scalar.getValue(), c, path);
    }
    throw new IllegalArgumentException("no configuration binding for " + type);
  }

  private static Object record(Node node, Class<?> type, String path) {
    if (!(node instanceof MappingNode m)) {
      throw wrongKind(path, type);
    }
    Map<String, Node> values = entries(m, path);
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      types[i] = components[i].getType();
      Node value = values.get(name);
      if (value == null && types[i].isPrimitive()) {
        throw ConfigException.missing(join(path, name));
      }
      args[i] = value == null ? null : bind(value, components[i].getGenericType(), join(path, name));
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ConfigException c) {
        throw c.under(path);
      }
      throw new ConfigException(path, String.valueOf(e.getCause().getMessage()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private static List<Object> list(Node node, Type element, String path) {
    if (!(node instanceof SequenceNode s)) {
      throw new ConfigException(path, "wrong kind of value: expected a list");
    }
    List<Object> out = new ArrayList<>(s.getValue().size());
    for (int i = 0; i < s.getValue().size(); i++) {
      Object value = bind(s.getValue().get(i), element, path + "[" + i + "]");
      if (value == null) {
        throw new ConfigException(path + "[" + i + "]", "an empty entry");
      }
      out.add(value);
    }
    return out;
  }

  private static Map<String, Object> map(Node node, Type value, String path) {
    if (!(node instanceof MappingNode m)) {
      throw new ConfigException(path, "wrong kind of value: expected a section of keys and values");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    entries(m, path).forEach((k, v) -> out.put(k, bind(v, value, join(path, k))));
    return out;
  }

  private static Map<String, Node> entries(MappingNode m, String path) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = keyOf(t, path);
      if (out.put(key, t.getValueNode()) != null) {
        throw new ConfigException(join(path, key), "given twice");
      }
    }
    return out;
  }

  private static String keyOf(NodeTuple t, String path) {
    if (!(t.getKeyNode() instanceof ScalarNode key)) {
      throw new ConfigException(path, "a key must be a plain name (line " + (t.getKeyNode().getStartMark().getLine() + 1)
          + ")");
    }
    return key.getValue();
  }

  private static Object scalar(String text, Class<?> type, String path) {
    try {
      if (type == String.class) {
        return text;
      }
      if (type == Integer.class || type == int.class) {
        return Math.toIntExact(integer(text));
      }
      if (type == Long.class || type == long.class) {
        return integer(text);
      }
      if (type == Double.class || type == double.class) {
        return decimal(text);
      }
      if (type == Boolean.class || type == boolean.class) {
        return bool(text);
      }
      if (type == Path.class) {
        return Path.of(text);
      }
      if (type.isEnum()) {
        for (Object constant : type.getEnumConstants()) {
          if (((Enum<?>) constant).name().equals(text)) {
            return constant;
          }
        }
        throw new IllegalArgumentException(text);
      }
    } catch (IllegalArgumentException | ArithmeticException e) {  // InvalidPathException and NumberFormatException too
      throw new ConfigException(path, "cannot read '" + text + "' as " + typeName(type));
    }
    throw new IllegalArgumentException("no configuration binding for " + type);
  }

  private static long integer(String text) {
    String t = text.replace("_", "");
    if (!INTEGER.matcher(text).matches() || t.isEmpty()) {
      throw new NumberFormatException(text);
    }
    boolean negative = t.startsWith("-");
    String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    int radix = 10;
    if (digits.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.startsWith("0b")) {
      radix = 2;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    return Long.parseLong((negative ? "-" : "") + digits, radix);
  }

  private static double decimal(String text) {
    if (INFINITY.matcher(text).matches()) {
      return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (NAN.matcher(text).matches()) {
      return Double.NaN;
    }
    if (INTEGER.matcher(text).matches()) {
      return integer(text);
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw new NumberFormatException(text);
    }
    return Double.parseDouble(text.replace("_", ""));
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException(text);
    };
  }

  private static boolean isNull(Node node) {
    if (!(node instanceof ScalarNode s) || !s.isPlain()) {
      return false;
    }
    return switch (s.getValue()) {
      case "", "~", "null", "Null", "NULL" -> true;
      default -> false;
    };
  }

  private static ConfigException wrongKind(String path, Class<?> type) {
    return new ConfigException(path, "wrong kind of value: expected " + typeName(type));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String typeName(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
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
