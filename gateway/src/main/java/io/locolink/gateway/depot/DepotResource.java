package io.locolink.gateway.depot;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * Base of every depot resource: answers 4.13 to a request whose payload exceeds the configured
 * limit before any handler runs (depot resources answer GET, and {@code /trips/ID/collected}
 * also POST; other methods get 4.05 from Californium). Handlers run on the endpoint's executor.
 * Bodies too large for one answer go block-wise through {@link #respondBlock}.
 */
abstract class DepotResource extends CoapResource {

  /** Largest block for CoAP over UDP (SZX 6); BERT (SZX 7) exists only over TCP. */
  static final int MAX_SZX = 6;

  private final int maxRequestBytes;

  DepotResource(String name, int maxRequestBytes) {
    super(name);
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void handleRequest(Exchange exchange) {
    int size = exchange.getRequest().getPayloadSize();
    if (size > maxRequestBytes) {
      Response tooLarge = new Response(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
      tooLarge.getOptions().setSize1(maxRequestBytes);
      tooLarge.setPayload("request payload over " + maxRequestBytes + " bytes");
      exchange.sendResponse(tooLarge);
      return;
    }
    super.handleRequest(exchange);
  }

  int maxRequestBytes() {
    return maxRequestBytes;
  }

  /** A body answered a block at a time (RFC 7959). */
  interface BlockBody {

    /** The body's length, bytes. */
    long size();

    /** The body's ETag, the same on every block. */
    byte[] etag();

    /** The body's {@code length} bytes from {@code offset}; never asked for bytes past its end. */
    byte[] read(long offset, int length);
  }

  /** The block number a GET asks for: its Block2 option's, or 0 when it has none. */
  static int blockNumber(CoapExchange exchange) {
    BlockOption asked = exchange.getRequestOptions().getBlock2();
    return asked == null ? 0 : asked.getNum();
  }

  /**
   * Answers a GET with the block of {@code body} its Block2 option asks for, block 0 when it has none:
   * the block of the size asked for, at most {@link #MAX_SZX}'s, that starts at its number times that
   * size. The answer is 2.05 with the block, content-format {@code format} and the body's ETag, and
   * Block2 and Size2 (the body's length) when {@code blockOptionsAlways}, the request had a Block2
   * option or more blocks follow; or 4.02 "block N is past the end of the {@code name}" for a block
   * other than 0 that starts at or past the end. Runs on the caller's thread and blocks while
   * {@code body} reads.
   *
   * @param lastBlockRead run once the last block has been read, before it is answered
   * @throws RuntimeException whatever {@link BlockBody#read} throws, with nothing answered
   */
  static void respondBlock(CoapExchange exchange, String name, int format, boolean blockOptionsAlways, BlockBody body,
      Runnable lastBlockRead) {
    BlockOption asked = exchange.getRequestOptions().getBlock2();
    int szx = asked == null ? MAX_SZX : Math.min(asked.getSzx(), MAX_SZX);
    int num = blockNumber(exchange);
    long size = body.size();
    long offset = (long) num * BlockOption.szx2Size(szx);
    if (offset > 0 && offset >= size) {
      exchange.respond(ResponseCode.BAD_OPTION, "block " + num + " is past the end of the " + name);
      return;
    }
    byte[] block = body.read(offset, (int) Math.min(BlockOption.szx2Size(szx), size - offset));
    boolean more = offset + block.length < size;
    if (!more) {
      lastBlockRead.run();
    }
    Response response = new Response(ResponseCode.CONTENT);
    response.setPayload(block);
    response.getOptions().setContentFormat(format).addETag(body.etag());
    if (blockOptionsAlways || asked != null || more) {
      response.getOptions().setBlock2(szx, more, num).setSize2((int) Math.min(Integer.MAX_VALUE, size));
    }
    exchange.respond(response);
  }
}
