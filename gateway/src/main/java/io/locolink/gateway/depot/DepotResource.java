package io.locolink.gateway.depot;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;

/**
 * Base of every depot resource: answers 4.13 to a request whose payload exceeds the configured
 * limit before any handler runs (depot resources answer GET, and {@code /trips/ID/collected}
 * also POST; other methods get 4.05 from Californium). Handlers run on the endpoint's executor.
 */
abstract class DepotResource extends CoapResource {

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
}
