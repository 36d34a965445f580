package io.locolink.gateway.depot;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium configuration for the depot server, and the part its clients share with it, built in
 * memory (never a properties file in the working directory).
 *
 * <p>Deduplication: {@link CoapConfig#NO_DEDUPLICATOR}. Every depot request is a safe GET that
 * only reads, or the idempotent POST of a collection acknowledgement (marking a trip collected
 * twice marks it once), so answering a retransmitted duplicate again is harmless (RFC 7252 section 4.5
 * allows relaxing deduplication for idempotent requests), while the default MARK_AND_SWEEP keeps
 * every exchange, request and 1 KiB response for the exchange lifetime (247 s): about 115 MB of
 * heap per 20 MiB log served. Without it the server keeps nothing per block.
 */
public final class CoapSetup {

  private CoapSetup() {}

  static Configuration server(int maxRequestBytes) {
    Configuration cfg = common();
    // Inbound bodies (block1) over this get 4.13; outbound block2 bodies are not limited by it.
    cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, Math.max(1, maxRequestBytes));
    cfg.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
    return cfg;
  }

  /**
   * What the depot server and a depot client both set: the CoAP and DTLS modules registered,
   * 1 KiB messages and blocks, no deduplicator; each side then adds its role.
   */
  public static Configuration common() {
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
