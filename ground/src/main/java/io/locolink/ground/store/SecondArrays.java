package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds per-second rows as one array per column, for {@code unnest}. */
final class SecondArrays {

  private SecondArrays() {}

  /**
   * Binds {@link SecondColumns#ALL} from parameter {@code first} on.
   *
   * @param locos the locomotive id of each row
   * @return the next free parameter index
   */
  static int bind(Connection c, PreparedStatement s, int first, List<SecondRow> rows, List<Integer> locos)
      throws SQLException {
    int p = first;
    for (SecondColumns.Column col : SecondColumns.ALL) {
      Object[] values = new Object[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        values[i] = col.name().equals("locomotive_id") ? locos.get(i) : col.value().apply(rows.get(i));
      }
      s.setArray(p++, c.createArrayOf(col.sqlType(), values));
    }
    return p;
  }
}
