package io.locolink.ground.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.locolink.ground.store.Channel;
import io.locolink.ground.store.FleetEntry;
import io.locolink.ground.store.FleetField;
import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.store.FleetRow;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The body of {@code GET /api/v1/fleet} and the live stream's updates, written from the store's rows
 * straight into a Jackson generator: no entry, map or decimal object per locomotive and value. The
 * fields are the {@link FleetField}s in their order, then {@code values}, as {@link FleetEntry#toJson()}
 * written by Jackson's object mapper has them; a value is written from its scaled integer as the
 * decimal at its resolution. Stateless; thread-safe.
 */
public final class FleetJson {

  private static final JsonFactory FACTORY = new JsonFactory()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
  private static final Channel[] CHANNELS = Channel.values();
  private static final SerializedString[] CHANNEL_NAMES = new SerializedString[CHANNELS.length];
  private static final FleetField[] FIELDS = FleetField.values();
  private static final SerializedString[] FIELD_NAMES = new SerializedString[FIELDS.length];
  private static final SerializedString VALUES = new SerializedString("values");

  static {
    for (Channel ch : CHANNELS) {
      CHANNEL_NAMES[ch.ordinal()] = new SerializedString(ch.apiName());
    }
    for (FleetField f : FIELDS) {
      FIELD_NAMES[f.ordinal()] = new SerializedString(f.apiName());
    }
  }

  private FleetJson() {}

  /**
   * Writes the answer for {@code now}: {@code time}, {@code units} and one object per locomotive, sorted
   * by id, as UTF-8 JSON. Asks for the output stream only once the store has answered and the first
   * few kilobytes are ready, so that a failed query leaves the response untouched (and free to be
   * an error); does not close the stream. Blocks while the store answers and the client reads.
   */
  static void write(FleetQueries fleet, Instant now, Supplier<OutputStream> out) throws SQLException, IOException {
    JsonGenerator g = FACTORY.createGenerator(new LazyStream(out));
    g.writeStartObject();
    g.writeStringField("time", now.toString());
    g.writeObjectFieldStart("units");
    for (Channel ch : CHANNELS) {
      g.writeStringField(ch.apiName(), ch.unit());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("locomotives");
    Entries entries = new Entries(g);
    fleet.scan(now, entries::write);
    g.writeEndArray();
    g.writeEndObject();
    g.close();  // on failure it is left unclosed: what it buffered is dropped, not written
  }

  /**
   * Writes a live update for {@code now}: {@code {"time": ..., "locomotives": [...]}} with one object
   * per locomotive named in {@code locomotives} that the store knows, sorted by id, each as in
   * {@link #write}, as UTF-8 JSON on one line. Blocks while the store answers; does not close
   * {@code out}, and on failure may leave part of the update in it.
   */
  public static void writeUpdate(FleetQueries fleet, Instant now, Set<String> locomotives, OutputStream out)
      throws SQLException, IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.writeStartObject();
    g.writeStringField("time", now.toString());
    g.writeArrayFieldStart("locomotives");
    Entries entries = new Entries(g);
    fleet.scan(now, locomotives, entries::write);
    g.writeEndArray();
    g.writeEndObject();
    g.close();
  }

  /** The stream a supplier gives, asked for at the first write. */
  private static final class LazyStream extends OutputStream {
    private final Supplier<OutputStream> supplier;
    private OutputStream out;

    LazyStream(Supplier<OutputStream> supplier) {
      this.supplier = supplier;
    }

    private OutputStream out() {
      if (out == null) {
        out = supplier.get();
      }
      return out;
    }

    @Override
    public void write(int b) throws IOException {
      out().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (out != null) {
        out.flush();
      }
    }
  }

  /** Writes rows as entries into one generator, field names pre-encoded. One per answer; not thread-safe. */
  private static final class Entries implements FleetField.Sink<IOException> {
    private final JsonGenerator g;
    private final char[] digits = new char[24];
    private final Times times = new Times();

    Entries(JsonGenerator g) {
      this.g = g;
    }

    void write(FleetRow row) throws IOException {
      g.writeStartObject();
      FleetField.each(row, this);
      g.writeFieldName(VALUES);
      g.writeStartObject();
      for (Channel ch : CHANNELS) {
        if (row.has(ch)) {
          g.writeFieldName(CHANNEL_NAMES[ch.ordinal()]);
          g.writeNumber(digits, 0, decimal(row.scaled(ch), ch.scale(), digits));
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }

    @Override
    public void text(FleetField field, String value) throws IOException {
      g.writeFieldName(FIELD_NAMES[field.ordinal()]);
      g.writeString(value);
    }

    @Override
    public void bool(FleetField field, boolean value) throws IOException {
      g.writeFieldName(FIELD_NAMES[field.ordinal()]);
      g.writeBoolean(value);
    }

    @Override
    public void number(FleetField field, long value) throws IOException {
      g.writeFieldName(FIELD_NAMES[field.ordinal()]);
      g.writeNumber(value);
    }

    @Override
    public void time(FleetField field, long epochMs) throws IOException {
      g.writeFieldName(FIELD_NAMES[field.ordinal()]);
      g.writeString(times.text(epochMs));
    }

    @Override
    public void none(FleetField field) throws IOException {
      g.writeFieldName(FIELD_NAMES[field.ordinal()]);
      g.writeNull();
    }
  }

  /**
   * Writes the decimal {@code unscaled × 10^-scale} into {@code out} from its start, as
   * {@code BigDecimal.valueOf(unscaled, scale).toString()} writes it for a scale of 0 to 18: every
   * decimal place kept, a zero before the point of a value below one.
   *
   * @param out at least 21 characters
   * @return the number of characters written
   */
  static int decimal(long unscaled, int scale, char[] out) {
    if (scale < 0 || scale > 18 || unscaled == Long.MIN_VALUE) {
      String s = java.math.BigDecimal.valueOf(unscaled, scale).toString();
      s.getChars(0, s.length(), out, 0);
      return s.length();
    }
    int n = 0;
    long v = unscaled;
    if (v < 0) {
      out[n++] = '-';
      v = -v;
    }
    // The digits backwards into the end of the buffer, at least scale + 1 of them.
    int end = out.length;
    int p = end;
    int written = 0;
    while (v != 0 || written <= scale) {
      if (written == scale && scale > 0) {
        out[--p] = '.';
      }
      out[--p] = (char) ('0' + v % 10);
      v /= 10;
      written++;
    }
    int len = end - p;
    System.arraycopy(out, p, out, n, len);
    return n + len;
  }

  /**
   * Unix milliseconds as {@link Instant#toString()} writes them, the text of the whole second kept from
   * the row before: a fleet's newest frames fall within a few seconds. One per answer; not thread-safe.
   */
  static final class Times {
    private long second = Long.MIN_VALUE;
    private String secondText;

    String text(long epochMs) {
      long s = Math.floorDiv(epochMs, 1000);
      int ms = (int) Math.floorMod(epochMs, 1000);
      if (s != second) {
        String whole = Instant.ofEpochSecond(s).toString();
        second = s;
        secondText = whole.substring(0, whole.length() - 1);  // without its 'Z'
      }
      if (ms == 0) {
        return secondText + 'Z';
      }
      char[] frac = {'.', (char) ('0' + ms / 100), (char) ('0' + ms / 10 % 10), (char) ('0' + ms % 10), 'Z'};
      return secondText.concat(new String(frac));
    }
  }
}
