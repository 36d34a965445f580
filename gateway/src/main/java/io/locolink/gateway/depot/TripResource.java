package io.locolink.gateway.depot;

import io.locolink.gateway.framing.TripSummaryCodec;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * {@code /trips/ID} (its list entry as JSON) with children {@code summary} (the encoded
 * {@code TripSummary}, or JSON with Accept 50), {@code log} (the log file, block-wise per
 * RFC 7959, every block read from the file at its offset, ETag = first 8 bytes of the file's
 * SHA-256, Size2 = file size) and {@code collected} (GET: whether the ground acknowledged the trip;
 * POST with the log's SHA-256 as lower-case hex: the acknowledgement, 2.04, or 4.12 when the
 * SHA-256 differs). Created per request for a trip found in the index.
 */
final class TripResource extends DepotResource {

  private final TripInfo trip;
  private final TripStore store;
  private final TripsResource.Collection collection;

  TripResource(TripInfo trip, TripStore store, int maxRequestBytes, TripsResource.Collection collection) {
    super(trip.id().value(), maxRequestBytes);
    this.trip = trip;
    this.store = store;
    this.collection = collection;
    getAttributes().setTitle("trip list entry");
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    TripsResource.respondJson(exchange, DepotJson.trip(trip, store.collectedAt(trip.id()).isPresent()));
  }

  @Override
  public Resource getChild(String name) {
    DepotResource child = switch (name) {
      case "summary" -> new Summary();
      case "log" -> new Log();
      case "collected" -> new Collected();
      default -> null;
    };
    if (child != null) {
      child.setParent(this);
    }
    return child;
  }

  @Override
  public java.util.Collection<Resource> getChildren() {
    List<Resource> children = List.of(new Summary(), new Log(), new Collected());
    children.forEach(c -> c.setParent(this));
    return children;
  }

  static byte[] etag(TripInfo trip) {
    return HexFormat.of().parseHex(trip.sha256Hex().substring(0, 16));
  }

  private final class Summary extends DepotResource {
    Summary() {
      super("summary", TripResource.this.maxRequestBytes());
      getAttributes().setTitle("trip summary");
      getAttributes().addContentType(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
      getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      byte[] summary = store.summaryBytes(trip);
      int accept = exchange.getRequestOptions().getAccept();
      if (accept == MediaTypeRegistry.APPLICATION_JSON) {
        exchange.respond(ResponseCode.CONTENT, TripSummaryCodec.json(summary), MediaTypeRegistry.APPLICATION_JSON);
      } else if (accept == MediaTypeRegistry.UNDEFINED || accept == MediaTypeRegistry.APPLICATION_OCTET_STREAM) {
        exchange.respond(ResponseCode.CONTENT, summary, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
      } else {
        exchange.respond(ResponseCode.NOT_ACCEPTABLE);
      }
    }
  }

  private final class Log extends DepotResource implements BlockBody {
    Log() {
      super("log", TripResource.this.maxRequestBytes());
      getAttributes().setTitle("trip log, block-wise");
      getAttributes().addContentType(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
      getAttributes().setMaximumSizeEstimate((int) Math.min(Integer.MAX_VALUE, trip.sizeBytes()));
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      try {
        respondBlock(exchange, "log", MediaTypeRegistry.APPLICATION_OCTET_STREAM, true, this, () -> { });
      } catch (UncheckedIOException e) {
        exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "trip log not readable");
      }
    }

    @Override
    public long size() {
      return trip.sizeBytes();
    }

    @Override
    public byte[] etag() {
      return TripResource.etag(trip);
    }

    /** Reads the log file at {@code offset}; throws UncheckedIOException if it is shorter than indexed. */
    @Override
    public byte[] read(long offset, int length) {
      byte[] data = new byte[length];
      try (FileChannel channel = store.openLog(trip)) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        long at = offset;
        while (buf.hasRemaining()) {
          int n = channel.read(buf, at);
          if (n < 0) {
            throw new IOException("log shorter than indexed");
          }
          at += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read trip log " + trip.id(), e);
      }
      return data;
    }
  }

  private final class Collected extends DepotResource {
    Collected() {
      super("collected", TripResource.this.maxRequestBytes());
      getAttributes().setTitle("ground's acknowledgement: POST the log's SHA-256 hex");
      getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      TripsResource.respondJson(exchange, DepotJson.collected(store.collectedAt(trip.id())));
    }

    /** Idempotent (a retransmitted acknowledgement marks nothing new), so no deduplicator is needed. */
    @Override
    public void handlePOST(CoapExchange exchange) {
      String sha = exchange.getRequestText().strip();
      if (!sha.matches("[0-9a-f]{64}")) {
        exchange.respond(ResponseCode.BAD_REQUEST, "payload must be the log's SHA-256 as 64 lower-case hex digits");
        return;
      }
      boolean marked;
      try {
        marked = store.markCollected(trip, sha, collection.clock().instant());
      } catch (UncheckedIOException e) {
        exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "cannot record the acknowledgement");
        return;
      }
      if (!marked) {
        exchange.respond(ResponseCode.PRECONDITION_FAILED, "SHA-256 differs from the log's; download it again");
        return;
      }
      if (collection.deleteAtOnce()) {
        store.deleteCollectedBefore(collection.clock().instant());
      }
      exchange.respond(ResponseCode.CHANGED);
    }
  }
}
