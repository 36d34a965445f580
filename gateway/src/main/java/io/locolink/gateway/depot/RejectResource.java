package io.locolink.gateway.depot;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * Stands for any path below a malformed trip id: answers 4.00 to every request and every
 * sub-path, without looking at the file system.
 */
final class RejectResource extends DepotResource {

  RejectResource(int maxRequestBytes) {
    super("rejected", maxRequestBytes);
  }

  @Override
  public void handleRequest(Exchange exchange) {
    Response bad = new Response(ResponseCode.BAD_REQUEST);
    bad.setPayload("malformed trip id");
    exchange.sendResponse(bad);
  }

  @Override
  public Resource getChild(String name) {
    return this;
  }
}
