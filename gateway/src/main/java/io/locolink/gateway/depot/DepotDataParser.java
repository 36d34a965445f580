package io.locolink.gateway.depot;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.serialization.MessageHeader;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * Californium's UDP parser, except that a message its option checks refuse with an unchecked
 * exception (a Block1 request whose payload is larger than its block size throws
 * IllegalStateException, which the endpoint only logs, leaving the client without an answer)
 * becomes a format error: a confirmable request gets 4.00 Bad Request, anything else an RST or
 * nothing, as RFC 7252 section 4.2 asks. Stateless, thread-safe.
 */
final class DepotDataParser extends UdpDataParser {

  DepotDataParser(Configuration cfg) {
    super(cfg.get(CoapConfig.STRICT_EMPTY_MESSAGE_FORMAT), (int[]) null);
  }

  @Override
  protected Message parseMessage(DatagramReader reader, MessageHeader header, Message message) {
    try {
      return super.parseMessage(reader, header, message);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CoAPMessageFormatException(e.getMessage(), header.getToken(), header.getMID(), header.getCode(),
          header.getType() == CoAP.Type.CON, ResponseCode.BAD_REQUEST);
    }
  }
}
