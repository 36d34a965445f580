package io.locolink.gateway.depot;

import io.locolink.gateway.archive.EnergyRange;
import io.locolink.gateway.archive.EnergyStore;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code /energy?from=T&to=T}: energy records whose period ends in {@code (from, to]} (for bounds
 * on the 5-minute grid: the periods inside the range); T is
 * Unix seconds or an ISO-8601 UTC instant. Default content-format 42: the records in protobuf's
 * delimited form (varint length, {@code EnergyRecord}); with Accept 50 a JSON array, for at most
 * {@link #JSON_MAX_RANGE} (some 400 bytes of text a record where the delimited form takes 70). A
 * missing, malformed, reversed or too long range is 4.00 with the reason.
 *
 * <p>The answer is served block-wise by this resource (RFC 7959; ETag = first 8 bytes of the answer's
 * SHA-256, Size2 = its length), each block encoded from the archive's day files when asked for
 * ({@link EnergyAnswer}), never whole in the heap. Block 0 takes the range as the archive holds it
 * then; the later blocks of the same peer and query come from that range, so records appended during
 * a transfer do not shift it. A transfer whose day file passed the retention meanwhile gets 5.03.
 */
final class EnergyResource extends DepotResource {

  /** The longest range a JSON answer covers: 2,016 five-minute periods, some 0.6 MB of text. */
  static final Duration JSON_MAX_RANGE = Duration.ofDays(7);

  /** Transfers kept at once; each holds its range's day files and one day's encoded part (up to some 120 kB). */
  static final int MAX_TRANSFERS = 4;

  private final EnergyStore store;
  private final Duration maxRange;
  private final Transfers transfers = new Transfers();

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
    EnergyAnswer.Form form;
    int format;
    if (accept == MediaTypeRegistry.APPLICATION_JSON) {
      form = EnergyAnswer.Form.JSON;
      format = MediaTypeRegistry.APPLICATION_JSON;
    } else if (accept == MediaTypeRegistry.UNDEFINED || accept == MediaTypeRegistry.APPLICATION_OCTET_STREAM) {
      form = EnergyAnswer.Form.DELIMITED;
      format = MediaTypeRegistry.APPLICATION_OCTET_STREAM;
    } else {
      exchange.respond(ResponseCode.NOT_ACCEPTABLE);
      return;
    }
    respond(exchange, form, format, from, to);
  }

  private void respond(CoapExchange exchange, EnergyAnswer.Form form, int format, Instant from, Instant to) {
    String key = exchange.getSourceSocketAddress() + " " + form + " " + from + " " + to;
    try {
      EnergyAnswer answer = blockNumber(exchange) == 0 ? null : transfers.get(key);
      if (answer == null) {
        answer = EnergyAnswer.of(store.snapshot(from, to), form);
        transfers.put(key, answer);
      }
      respondBlock(exchange, "answer", format, false, answer, () -> transfers.remove(key));
    } catch (EnergyRange.ArchiveChangedException e) {
      transfers.remove(key);
      exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "energy archive changed during the transfer; ask again");
    } catch (UncheckedIOException e) {
      transfers.remove(key);
      exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "energy archive not readable");
    }
  }

  /** The answers of transfers under way, by peer and query; the oldest goes when a fifth one starts. */
  private static final class Transfers {
    private final Map<String, EnergyAnswer> answers = new LinkedHashMap<>(8, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, EnergyAnswer> eldest) {
        return size() > MAX_TRANSFERS;
      }
    };

    synchronized EnergyAnswer get(String key) {
      return answers.get(key);
    }

    synchronized void put(String key, EnergyAnswer answer) {
      answers.put(key, answer);
    }

    synchronized void remove(String key) {
      answers.remove(key);
    }
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
