package io.locolink.gateway.depot;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium configuration for the depot server and client, built in memory (never a properties
 * file in the working directory).
 *
 * <p>Deduplication: {@link CoapConfig#NO_DEDUPLICATOR}. Every depot request is a safe GET that
 * only reads, so answering a retransmitted duplicate again is harmless (RFC 7252 section 4.5
 * allows relaxing deduplication for idempotent requests), while the default MARK_AND_SWEEP keeps
 * every exchange, request and 1 KiB response for the exchange lifetime (247 s): about 115 MB of
 * heap per 20 MiB log served. Without it the server keeps nothing per block.
 */
final class CoapSetup {

  private CoapSetup() {}

  static Configuration server(int maxRequestBytes) {
    Configuration cfg = base();
    // Inbound bodies (block1) over this get 4.13; outbound block2 bodies are not limited by it.
    cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, Math.max(1, maxRequestBytes));
    cfg.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
    return cfg;
  }

  /**
   * The client manages Block2 itself (random access, pipelined), so transparent block-wise
   * handling is off: MAX_RESOURCE_BODY_SIZE 0.
   */
  static Configuration client() {
    Configuration cfg = base();
    cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0);
    // A 20 MiB log is 20,480 requests: tracking each message ID for the 247 s exchange lifetime
    // exhausts the 65,536 IDs after three such downloads. Responses are matched by token as well,
    // and the server keeps no deduplication state, so IDs are simply reused in sequence.
    cfg.set(CoapConfig.MID_TRACKER, CoapConfig.TrackerMode.NULL);
    cfg.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
    return cfg;
  }

  private static Configuration base() {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
    Configuration cfg = Configuration.createStandardWithoutFile();
    cfg.set(CoapConfig.DEDUPLICATOR, CoapConfig.NO_DEDUPLICATOR);
    cfg.set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024);
    cfg.set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
    return cfg;
  }
}
