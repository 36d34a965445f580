package io.locolink.ground.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The small integer key of each locomotive name, created on first sight and cached. Thread-safe. */
public final class LocomotiveIds {

  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Integer, String> names = new ConcurrentHashMap<>();

  /** Returns the ids of {@code locomotives}, inserting the names the database does not know yet. */
  public Map<String, Integer> resolve(Connection c, Collection<String> locomotives) throws SQLException {
    List<String> unknown = new ArrayList<>();
    for (String name : locomotives) {
      if (!ids.containsKey(name) && !unknown.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      unknown.sort(null);
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO locomotive (name) SELECT * FROM unnest(?::text[]) ON CONFLICT (name) DO NOTHING")) {
        Array a = c.createArrayOf("text", unknown.toArray());
        s.setArray(1, a);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("SELECT id, name FROM locomotive WHERE name = ANY(?::text[])")) {
        s.setArray(1, c.createArrayOf("text", unknown.toArray()));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            remember(rs.getString(2), rs.getInt(1));
          }
        }
      }
    }
    Map<String, Integer> out = new java.util.HashMap<>();
    for (String name : locomotives) {
      out.put(name, ids.get(name));
    }
    return out;
  }

  /** The name of a locomotive id seen through this cache; null if not seen. */
  public String name(int id) {
    return names.get(id);
  }

  private void remember(String name, int id) {
    ids.put(name, id);
    names.put(id, name);
  }
}
