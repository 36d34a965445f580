package io.locolink.gateway.depot;

import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.framing.Varint;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.ListIterator;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code /energy?from=T&to=T}: energy records whose period ends in {@code (from, to]} (for bounds
 * on the 5-minute grid: the periods inside the range); T is
 * Unix seconds or an ISO-8601 UTC instant. Default content-format 42: the records in protobuf's
 * delimited form (varint length, {@code EnergyRecord}); with Accept 50 a JSON array, for at most
 * {@link #JSON_MAX_RANGE} (the answer is built whole in the heap, some 400 bytes of text a record where
 * the delimited form takes 70: 62 days of it did not fit the service's heap). A missing, malformed,
 * reversed or too long range is 4.00 with the reason.
 */
final class EnergyResource extends DepotResource {

  /** The longest range a JSON answer covers: 2,016 five-minute periods. */
  static final Duration JSON_MAX_RANGE = Duration.ofDays(7);

  private final EnergyStore store;
  private final Duration maxRange;

  EnergyResource(EnergyStore store, int maxRequestBytes, int maxRangeDays) {
    super("energy", maxRequestBytes);
    getAttributes().setTitle("energy records: ?from=T&to=T (Unix s or ISO-8601 UTC)");
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
    this.store = store;
    this.maxRange = Duration.ofDays(maxRangeDays);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    Instant from = null;
    Instant to = null;
    for (String q : exchange.getRequestOptions().getUriQuery()) {
      int eq = q.indexOf('=');
      String key = eq < 0 ? q : q.substring(0, eq);
      String value = eq < 0 ? "" : q.substring(eq + 1);
      try {
        switch (key) {
          case "from" -> from = parse(value);
          case "to" -> to = parse(value);
          default -> {
            exchange.respond(ResponseCode.BAD_REQUEST, "unknown query parameter");
            return;
          }
        }
      } catch (IllegalArgumentException e) {
        exchange.respond(ResponseCode.BAD_REQUEST, key + ": not Unix seconds or an ISO-8601 instant");
        return;
      }
    }
    if (from == null || to == null) {
      exchange.respond(ResponseCode.BAD_REQUEST, "query needs from= and to=");
      return;
    }
    if (!to.isAfter(from) || Duration.between(from, to).compareTo(maxRange) > 0) {
      exchange.respond(ResponseCode.BAD_REQUEST, "range must be positive and at most " + maxRange.toDays() + " days");
      return;
    }
    int accept = exchange.getRequestOptions().getAccept();
    if (accept == MediaTypeRegistry.APPLICATION_JSON && Duration.between(from, to).compareTo(JSON_MAX_RANGE) > 0) {
      exchange.respond(ResponseCode.BAD_REQUEST, "a JSON answer covers at most " + JSON_MAX_RANGE.toDays()
          + " days; ask for a shorter range, or for the delimited form (content-format 42) up to " + maxRange.toDays()
          + " days");
      return;
    }
    if (accept == MediaTypeRegistry.APPLICATION_JSON) {
      exchange.respond(ResponseCode.CONTENT, EnergyRecordCodec.json(store.range(from, to)),
          MediaTypeRegistry.APPLICATION_JSON);
    } else if (accept == MediaTypeRegistry.UNDEFINED || accept == MediaTypeRegistry.APPLICATION_OCTET_STREAM) {
      exchange.respond(ResponseCode.CONTENT, delimited(store.range(from, to)),
          MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    } else {
      exchange.respond(ResponseCode.NOT_ACCEPTABLE);
    }
  }

  /**
   * The records in protobuf's delimited form, as {@link EnergyRecordCodec#delimited}, written into one
   * array of the answer's exact size: Californium keeps the whole answer for the block-wise transfer
   * anyway, and a growing buffer took up to three times its size in the heap while it was built. Each
   * record is released from the (modifiable) list once copied.
   */
  static byte[] delimited(List<byte[]> records) {
    long total = 0;
    for (byte[] r : records) {
      total += Varint.size(r.length) + r.length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("energy answer of " + total + " bytes");
    }
    byte[] out = new byte[(int) total];
    int at = 0;
    for (ListIterator<byte[]> it = records.listIterator(); it.hasNext(); ) {
      byte[] r = it.next();
      for (long v = r.length; ; v >>>= 7) {
        if ((v & ~0x7FL) == 0) {
          out[at++] = (byte) v;
          break;
        }
        out[at++] = (byte) ((v & 0x7F) | 0x80);
      }
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
      it.set(null);
    }
    return out;
  }

  private static Instant parse(String value) {
    if (value.length() > 40) {
      throw new IllegalArgumentException("too long");
    }
    if (value.matches("-?[0-9]{1,12}")) {
      return Instant.ofEpochSecond(Long.parseLong(value));
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }
}
