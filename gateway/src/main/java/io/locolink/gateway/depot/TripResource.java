package io.locolink.gateway.depot;

import io.locolink.gateway.trips.LogRecordCodec;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * {@code /trips/ID} (its list entry as JSON) with children {@code summary} (the encoded
 * {@code TripSummary}, or JSON with Accept 50) and {@code log} (the log file, block-wise per
 * RFC 7959, every block read from the file at its offset, ETag = first 8 bytes of the file's
 * SHA-256, Size2 = file size). Created per request for a trip found in the index.
 */
final class TripResource extends DepotResource {

  /** Largest block for CoAP over UDP (SZX 6); BERT (SZX 7) exists only over TCP. */
  static final int MAX_SZX = 6;

  private final TripInfo trip;
  private final TripStore store;

  TripResource(TripInfo trip, TripStore store, int maxRequestBytes) {
    super(trip.id().value(), maxRequestBytes);
    this.trip = trip;
    this.store = store;
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    TripsResource.respondJson(exchange, TripsResource.Listing.of(trip));
  }

  @Override
  public Resource getChild(String name) {
    DepotResource child = switch (name) {
      case "summary" -> new Summary();
      case "log" -> new Log();
      default -> null;
    };
    if (child != null) {
      child.setParent(this);
    }
    return child;
  }

  static byte[] etag(TripInfo trip) {
    return HexFormat.of().parseHex(trip.sha256Hex().substring(0, 16));
  }

  private final class Summary extends DepotResource {
    Summary() {
      super("summary", TripResource.this.maxRequestBytes());
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      byte[] summary = store.summaryBytes(trip);
      int accept = exchange.getRequestOptions().getAccept();
      if (accept == MediaTypeRegistry.APPLICATION_JSON) {
        exchange.respond(ResponseCode.CONTENT, LogRecordCodec.summaryJson(summary), MediaTypeRegistry.APPLICATION_JSON);
      } else if (accept == MediaTypeRegistry.UNDEFINED || accept == MediaTypeRegistry.APPLICATION_OCTET_STREAM) {
        exchange.respond(ResponseCode.CONTENT, summary, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
      } else {
        exchange.respond(ResponseCode.NOT_ACCEPTABLE);
      }
    }
  }

  private final class Log extends DepotResource {
    Log() {
      super("log", TripResource.this.maxRequestBytes());
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      BlockOption asked = exchange.getRequestOptions().getBlock2();
      int szx = asked == null ? MAX_SZX : Math.min(asked.getSzx(), MAX_SZX);
      int num = asked == null ? 0 : asked.getNum();
      int size = BlockOption.szx2Size(szx);
      long offset = (long) num * size;
      if (offset > 0 && offset >= trip.sizeBytes()) {
        exchange.respond(ResponseCode.BAD_OPTION, "block " + num + " is past the end of the log");
        return;
      }
      byte[] data = new byte[(int) Math.min(size, trip.sizeBytes() - offset)];
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
      } catch (IOException | UncheckedIOException e) {
        exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "trip log not readable");
        return;
      }
      Response response = new Response(ResponseCode.CONTENT);
      response.setPayload(data);
      response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM)
          .setBlock2(szx, offset + data.length < trip.sizeBytes(), num)
          .addETag(etag(trip))
          .setSize2((int) Math.min(Integer.MAX_VALUE, trip.sizeBytes()));
      exchange.respond(response);
    }
  }
}
