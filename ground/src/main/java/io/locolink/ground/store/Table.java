package io.locolink.ground.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A query result as named columns and rows of plain values: text, whole numbers, decimals at their
 * resolution ({@link BigDecimal} made from the scaled integer), booleans, and times as ISO-8601
 * UTC text. Serves JSON and CSV alike.
 *
 * @param columns the column names, in order
 * @param rows each row's values, in column order; null for SQL NULL
 */
public record Table(List<String> columns, List<List<Object>> rows) {

  /** A column to read: its name in the result and, for a scaled integer, its decimal places (else -1). */
  record Col(String name, int scale) {
    static Col plain(String name) {
      return new Col(name, -1);
    }

    static Col scaled(String name, int scale) {
      return new Col(name, scale);
    }
  }

  /** Runs {@code sql} (its select list in the order of {@code cols}) with {@code params}. */
  static Table query(DataSource ds, String sql, List<Col> cols, Object... params) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>(cols.size());
          for (int i = 0; i < cols.size(); i++) {
            Object v = rs.getObject(i + 1);
            if (v instanceof Timestamp t) {
              v = t.toInstant().toString();
            } else if (v instanceof Number n && cols.get(i).scale() >= 0) {
              v = BigDecimal.valueOf(n.longValue(), cols.get(i).scale());
            } else if (v instanceof Short sh) {
              v = sh.intValue();
            }
            row.add(v);
          }
          rows.add(row);
        }
      }
    }
    return new Table(cols.stream().map(Col::name).toList(), rows);
  }
}
