package io.locolink.ground.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.gateway.depot.ReceiverThreadExecutor;
import io.locolink.gateway.trips.TripId;
import io.locolink.proto.v1.EnergyRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A ground-side client of a gateway's depot server, over DTLS-PSK (or plain CoAP to a loopback
 * address). Block2 is handled here, not by Californium: every block is requested by number
 * (random access, RFC 7959 section 2.4), several at a time (a window), and written in order, so a
 * download resumes from the bytes already on disk. Not thread-safe: one caller at a time; use one
 * client per gateway.
 */
public final class DepotClient implements AutoCloseable {

  /** Block size exponent: 1024-byte blocks, the largest over UDP. */
  static final int SZX = 6;
  static final int BLOCK = 1024;
  /** Largest body assembled in memory by {@link #get}. */
  static final int MAX_BODY = 64 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CoapEndpoint endpoint;
  private final ReceiverThreadExecutor executor;
  private final String base;
  private final Duration timeout;

  private DepotClient(CoapEndpoint endpoint, ReceiverThreadExecutor executor, String base, Duration timeout) {
    this.endpoint = endpoint;
    this.executor = executor;
    this.base = base;
    this.timeout = timeout;
  }

  /** Receives download progress; return false to stop the download (the part file stays). */
  @FunctionalInterface
  public interface Progress {
    boolean onBytes(long written, long total);
  }

  /**
   * Creates the client and its endpoint; the DTLS handshake happens with the first request.
   *
   * @param gateway {@code coaps://HOST[:PORT]}, or {@code coap://} to a loopback address only
   * @param timeout longest wait for one response (after CoAP's own retransmissions)
   * @throws IllegalArgumentException for another scheme, or plain CoAP to a non-loopback host
   */
  public static DepotClient connect(URI gateway, String identity, byte[] key, Duration timeout) {
    String scheme = gateway.getScheme();
    if (gateway.getHost() == null) {
      throw new IllegalArgumentException("--gateway needs a host: " + gateway);
    }
    Configuration cfg = ClientCoapSetup.client();
    ReceiverThreadExecutor executor = new ReceiverThreadExecutor(1);
    CoapEndpoint endpoint;
    int port;
    if ("coaps".equals(scheme)) {
      port = gateway.getPort() < 0 ? 5684 : gateway.getPort();
      DTLSConnector connector = new DTLSConnector(DtlsConnectorConfig.builder(cfg)
          .setAddress(new InetSocketAddress(0))
          .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
          .build());
      connector.setExecutor(executor);
      endpoint = CoapEndpoint.builder().setConfiguration(cfg).setConnector(connector).build();
    } else if ("coap".equals(scheme)) {
      if (!isLoopback(gateway.getHost())) {
        throw new IllegalArgumentException("plain coap:// is allowed to a loopback address only; use coaps://");
      }
      port = gateway.getPort() < 0 ? 5683 : gateway.getPort();
      endpoint = CoapEndpoint.builder().setConfiguration(cfg).setInetSocketAddress(new InetSocketAddress(0)).build();
    } else {
      throw new IllegalArgumentException("--gateway must be coaps://HOST[:PORT], got " + gateway);
    }
    String host = gateway.getHost().contains(":") && !gateway.getHost().startsWith("[")
        ? "[" + gateway.getHost() + "]" : gateway.getHost();
    DepotClient client = new DepotClient(endpoint, executor, scheme + "://" + host + ":" + port, timeout);
    endpoint.setExecutors(client.executor, client.executor);
    try {
      endpoint.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a local UDP port", e);
    }
    return client;
  }

  /**
   * The gateway's finished trips.
   *
   * @throws DepotTransferException if the request fails or the list is not the expected JSON
   */
  public List<TripListing> listTrips() {
    byte[] body = get("/trips", MediaTypeRegistry.APPLICATION_JSON);
    List<TripListing> out = new ArrayList<>();
    try {
      for (JsonNode n : JSON.readTree(body)) {
        String id = n.path("id").asText();
        String sha = n.path("sha256").asText();
        if (!TripId.isValid(id) || !sha.matches("[0-9a-f]{64}")) {
          throw new DepotTransferException("trip list holds a malformed entry");
        }
        out.add(new TripListing(id, Instant.parse(n.path("start").asText()), Instant.parse(n.path("end").asText()),
            n.path("sizeBytes").asLong(), sha, n.path("collected").asBoolean(false)));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DepotTransferException d) {
        throw d;
      }
      throw new DepotTransferException("trip list is not the expected JSON", e);
    }
    return out;
  }

  /**
   * The gateway's energy records whose 5-minute period ends in {@code (from, to]}, in its order.
   *
   * @throws DepotTransferException if the request fails or the body is not delimited records
   */
  public List<EnergyRecord> energy(Instant from, Instant to) {
    byte[] body = get("/energy?from=" + from.getEpochSecond() + "&to=" + to.getEpochSecond(),
        MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    List<EnergyRecord> out = new ArrayList<>();
    try (ByteArrayInputStream in = new ByteArrayInputStream(body)) {
      for (EnergyRecord r; (r = EnergyRecord.parseDelimitedFrom(in)) != null; ) {
        out.add(r);
      }
    } catch (IOException e) {
      throw new DepotTransferException("energy records are not delimited EnergyRecord messages", e);
    }
    return out;
  }

  /**
   * Tells the gateway that {@code trip} is collected (POST {@code /trips/ID/collected} with the
   * SHA-256 the collector verified), so it may delete the log before its store runs full. Call
   * only after the local copy's SHA-256 matched the listing's.
   *
   * @throws DepotTransferException if the gateway does not confirm (4.12 when its log's SHA-256 differs)
   */
  public void acknowledge(TripListing trip) {
    Request request = Request.newPost();
    request.setURI(base + "/trips/" + trip.id() + "/collected");
    request.setPayload(trip.sha256().getBytes(StandardCharsets.US_ASCII));
    request.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
    Response response = await(request);
    if (response.getCode() != ResponseCode.CHANGED) {
      throw new DepotTransferException(trip.id() + ": acknowledgement answered " + response.getCode());
    }
  }

  /**
   * GETs {@code path} (with query) and assembles all its blocks.
   *
   * @param accept content-format to ask for, or {@link MediaTypeRegistry#UNDEFINED}
   * @throws DepotTransferException on no answer or an error code
   */
  public byte[] get(String path, int accept) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int num = 0; ; num++) {
      Request request = request(path, num);
      if (accept != MediaTypeRegistry.UNDEFINED) {
        request.getOptions().setAccept(accept);
      }
      Response response = await(request);
      BlockOption block = response.getOptions().getBlock2();
      out.writeBytes(response.getPayload());
      if (out.size() > MAX_BODY) {
        throw new DepotTransferException(path + ": body larger than " + MAX_BODY + " bytes");
      }
      if (block == null || !block.isM()) {
        return out.toByteArray();
      }
      if (block.getNum() != num) {
        throw new DepotTransferException(path + ": asked for block " + num + ", got " + block.getNum());
      }
    }
  }

  /**
   * Downloads a trip log into {@code part}, continuing after the whole blocks already in it, with
   * up to {@code window} block requests in flight. Every block must carry the ETag the listing's
   * SHA-256 implies; the file holds only a contiguous prefix at every moment.
   *
   * @return bytes that were already present (resumed from)
   * @throws DepotTransferException on no answer, an error code, or a changed log
   */
  public long downloadLog(TripListing trip, Path part, int window, Progress progress) {
    byte[] etag = HexFormat.of().parseHex(trip.sha256().substring(0, 16));
    long total = trip.sizeBytes();
    long blocks = (total + BLOCK - 1) / BLOCK;
    try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long resumed = Math.min(out.size() / BLOCK * BLOCK, total);
      out.truncate(resumed);
      long nextToWrite = resumed / BLOCK;
      long nextToSend = nextToWrite;
      BlockingQueue<Object> done = new LinkedBlockingQueue<>();
      Map<Long, byte[]> ready = new HashMap<>();
      while (nextToWrite < blocks) {
        while (nextToSend < blocks && nextToSend - nextToWrite < window) {
          sendAsync(request("/trips/" + trip.id() + "/log", (int) nextToSend), nextToSend, done);
          nextToSend++;
        }
        Object result = done.poll(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        if (result == null) {
          throw new DepotTransferException(trip.id() + ": no answer for " + timeout.toSeconds() + " s");
        }
        if (result instanceof DepotTransferException e) {
          throw e;
        }
        Block b = (Block) result;
        check(trip, b, etag, total);
        ready.put(b.num, b.payload);
        for (byte[] data; (data = ready.remove(nextToWrite)) != null; nextToWrite++) {
          ByteBuffer buf = ByteBuffer.wrap(data);
          while (buf.hasRemaining()) {
            out.write(buf, nextToWrite * BLOCK + buf.position());
          }
          if (!progress.onBytes(Math.min(total, (nextToWrite + 1) * BLOCK), total)) {
            throw new DepotTransferException(trip.id() + ": download stopped by the caller");
          }
        }
      }
      out.force(true);
      return resumed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + part.getFileName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DepotTransferException(trip.id() + ": interrupted");
    }
  }

  private record Block(long num, byte[] payload, BlockOption option, Response response) {}

  private static void check(TripListing trip, Block b, byte[] etag, long total) {
    Response r = b.response;
    if (r.getCode() != ResponseCode.CONTENT) {
      throw new DepotTransferException(trip.id() + ": block " + b.num + " answered " + r.getCode());
    }
    if (b.option == null || b.option.getNum() != b.num || b.option.getSzx() != SZX) {
      throw new DepotTransferException(trip.id() + ": answer is not block " + b.num + " of 1024 bytes");
    }
    List<byte[]> tags = r.getOptions().getETags();
    if (tags.size() != 1 || !Arrays.equals(tags.get(0), etag)) {
      throw new DepotTransferException(trip.id() + ": log changed on the gateway (ETag differs from the listing)");
    }
    long expected = Math.min(BLOCK, total - b.num * BLOCK);
    if (b.payload.length != expected || b.option.isM() != (b.num * BLOCK + expected < total)) {
      throw new DepotTransferException(trip.id() + ": block " + b.num + " has the wrong length");
    }
  }

  private Request request(String path, int num) {
    Request request = Request.newGet();
    request.setURI(base + path);
    if (num > 0 || path.endsWith("/log")) {
      request.getOptions().setBlock2(SZX, false, num);
    }
    return request;
  }

  private void sendAsync(Request request, long num, BlockingQueue<Object> done) {
    request.addMessageObserver(new MessageObserverAdapter() {
      @Override
      public void onResponse(Response response) {
        done.add(new Block(num, response.getPayload(), response.getOptions().getBlock2(), response));
      }

      @Override
      protected void failed() {
        done.add(new DepotTransferException(request.getURI() + ": " + failure(request)));
      }
    });
    endpoint.sendRequest(request);
  }

  private Response await(Request request) {
    endpoint.sendRequest(request);
    Response response;
    try {
      response = request.waitForResponse(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DepotTransferException("interrupted");
    }
    if (response == null) {
      request.cancel();
      throw new DepotTransferException(request.getURI() + ": " + failure(request));
    }
    if (!response.isSuccess()) {
      throw new DepotTransferException(request.getURI() + ": " + response.getCode() + " " + response.getPayloadString());
    }
    return response;
  }

  private String failure(Request request) {
    if (request.getSendError() != null) {
      return "cannot send (" + request.getSendError().getMessage() + "); wrong key or identity fails the DTLS handshake";
    }
    if (request.isRejected()) {
      return "rejected by the gateway";
    }
    return "no answer within " + timeout.toSeconds() + " s (wrong key or identity, or gateway unreachable)";
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public void close() {
    endpoint.destroy();
    executor.shutdownNow();
  }
}
