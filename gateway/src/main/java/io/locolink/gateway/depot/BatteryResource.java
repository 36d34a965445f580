package io.locolink.gateway.depot;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code /battery}: the live battery state as JSON, observable (RFC 7641). {@link #update} may be
 * called at any rate from any thread; observers get at most one notification per interval, always
 * the latest state (a ticker on the given scheduler sends the pending one). 5.03 until a first
 * state arrives.
 */
final class BatteryResource extends DepotResource {

  private final AtomicReference<byte[]> latest = new AtomicReference<>();
  private final AtomicBoolean pending = new AtomicBoolean();

  BatteryResource(int maxRequestBytes, ScheduledExecutorService ticker, long intervalMs) {
    super("battery", maxRequestBytes);
    setObservable(true);
    setObserveType(Type.NON);
    getAttributes().setObservable();
    getAttributes().setTitle("live battery state");
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
    ticker.scheduleAtFixedRate(() -> {
      if (pending.getAndSet(false)) {
        changed();
      }
    }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  /** Publishes a new state; observers hear of it at the next tick. Thread-safe. */
  void update(LiveBattery state) {
    latest.set(DepotJson.battery(state));
    pending.set(true);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    byte[] body = latest.get();
    if (body == null) {
      exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "no battery state yet");
      return;
    }
    exchange.setMaxAge(2);
    exchange.respond(ResponseCode.CONTENT, body, MediaTypeRegistry.APPLICATION_JSON);
  }
}
