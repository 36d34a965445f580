package io.locolink.ground.collect;

import io.locolink.gateway.depot.CoapSetup;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium configuration of a depot client, built in memory (never a properties file in the
 * working directory).
 *
 * <p>Message and block sizes and the deduplicator are the depot server's ({@link CoapSetup#common}).
 * The client manages Block2 itself (random access, pipelined), so transparent block-wise
 * handling is off ({@code MAX_RESOURCE_BODY_SIZE} 0). No deduplicator: a client keeps no
 * exchanges for duplicates of requests it never receives, and the default MARK_AND_SWEEP would hold
 * every block's exchange for 247 s (about 115 MB per 20 MiB log). No message-ID tracker: a 20 MiB
 * log is 20,480 requests, and tracking each ID for the exchange lifetime exhausts the 65,536 IDs
 * after three such downloads; responses are matched by token as well.
 */
final class ClientCoapSetup {

  private ClientCoapSetup() {}

  static Configuration client() {
    Configuration cfg = CoapSetup.common();
    cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0);
    cfg.set(CoapConfig.MID_TRACKER, CoapConfig.TrackerMode.NULL);
    cfg.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
    return cfg;
  }
}
