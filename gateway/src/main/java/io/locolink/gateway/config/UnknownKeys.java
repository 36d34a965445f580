package io.locolink.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the first key of a YAML tree that the configuration records do not have, before binding:
 * a misspelt key is reported as unknown rather than as the required key it was meant to be.
 */
final class UnknownKeys {

  private UnknownKeys() {}

  /** @throws ConfigException naming the first unknown key and the keys that exist there */
  static void check(JsonNode node, Type type, String path) {
    if (type instanceof ParameterizedType p && p.getRawType() == java.util.List.class && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]");
      }
      return;
    }
    if (!(type instanceof Class<?> c) || !c.isRecord() || !node.isObject()) {
      return;  // scalars, maps and lists of scalars are the binder's to judge
    }
    Map<String, RecordComponent> components = Arrays.stream(c.getRecordComponents())
        .collect(Collectors.toMap(RecordComponent::getName, r -> r));
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      RecordComponent component = components.get(field.getKey());
      if (component == null) {
        throw new ConfigException(key, "unknown key; known keys here: "
            + components.keySet().stream().sorted().collect(Collectors.joining(", ")));
      }
      check(field.getValue(), component.getGenericType(), key);
    }
  }
}
