package io.locolink.ground.api;

import io.javalin.http.Context;
import io.locolink.ground.store.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON and CSV helpers shared by the read API's handlers. */
final class Formats {

  private Formats() {}

  /** True when the client asked for CSV ({@code ?format=csv}); a format other than json or csv is a bad request. */
  static boolean csv(Context ctx) {
    String f = ctx.queryParam("format");
    if (f == null || f.equals("json")) {
      return false;
    }
    if (f.equals("csv")) {
      return true;
    }
    throw new BadRequest("format must be json or csv, got '" + f + "'");
  }

  /** The unit of each channel, by API name. */
  static Map<String, String> units() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Channel c : Channel.values()) {
      out.put(c.apiName(), c.unit());
    }
    return out;
  }

  /** Writes an RFC 4180 CSV body (CRLF line ends, fields with commas, quotes or line breaks quoted). */
  static void writeCsv(Context ctx, String fileName, List<String> header, List<List<Object>> rows) {
    StringBuilder out = new StringBuilder();
    line(out, header);
    for (List<Object> row : rows) {
      line(out, row);
    }
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    ctx.result(out.toString());
  }

  private static void line(StringBuilder out, List<?> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String s = String.valueOf(fields.get(i));
      if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
        out.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else {
        out.append(s);
      }
    }
    out.append("\r\n");
  }
}
