package io.locolink.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Configuration of the CoAP depot server (YAML key {@code depot}). Missing keys take the defaults
 * of {@link #defaults()}; every value is checked here, with the key named in the message.
 *
 * <pre>
 * depot:
 *   enabled: true
 *   bindAddress: 127.0.0.1      # DTLS endpoint: set the depot LAN interface; never the modem's
 *   port: 5684                  # coaps
 *   pskFile: /etc/locolink/depot-psk   # lines "identity:secret", mode 0600 or 0400
 *   plainPort: null             # e.g. 5683 for plain CoAP, bound to 127.0.0.1 only
 *   maxRequestBytes: 1024       # larger request payloads get 4.13
 *   energyMaxRangeDays: 62      # longest time range of one energy request
 *   liveNotifyIntervalMs: 1000  # at most one battery-state notification per interval
 *   receiverThreadJobs: true    # run CoAP and DTLS jobs on the receiving thread (about twice the throughput)
 *   deleteCollectedAfterS: null # delete a trip this long after the ground acknowledged collecting it
 *                               # (0 = at once); null = keep it until the store's budget needs room
 * </pre>
 *
 * <p>Whatever this says, a trip the ground has not acknowledged is never deleted for being
 * collected; when the trip store runs over its budget, collected trips go before uncollected ones.
 *
 * @param enabled serve at all
 * @param bindAddress address of the DTLS endpoint; loopback unless set, so the server is never
 *     reachable over the cellular link by default
 * @param port UDP port of the DTLS endpoint
 * @param pskFile file of pre-shared keys, one identity per depot
 * @param plainPort UDP port of a plain CoAP endpoint on the loopback address; null for none
 * @param maxRequestBytes largest request payload accepted, bytes
 * @param energyMaxRangeDays longest energy query range, days
 * @param liveNotifyIntervalMs minimum interval between live battery notifications, ms
 * @param receiverThreadJobs run endpoint and DTLS jobs on the receiving thread
 * @param deleteCollectedAfterS seconds after a collector's acknowledgement that a trip is deleted;
 *     null to keep collected trips until the budget needs room
 */
public record DepotConfig(
    Boolean enabled,
    String bindAddress,
    Integer port,
    String pskFile,
    Integer plainPort,
    Integer maxRequestBytes,
    Integer energyMaxRangeDays,
    Integer liveNotifyIntervalMs,
    Boolean receiverThreadJobs,
    Long deleteCollectedAfterS) {

  public DepotConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    bindAddress = bindAddress == null ? "127.0.0.1" : bindAddress;
    port = port == null ? 5684 : port;
    pskFile = pskFile == null ? "/etc/locolink/depot-psk" : pskFile;
    maxRequestBytes = maxRequestBytes == null ? 1024 : maxRequestBytes;
    energyMaxRangeDays = energyMaxRangeDays == null ? 62 : energyMaxRangeDays;
    liveNotifyIntervalMs = liveNotifyIntervalMs == null ? 1000 : liveNotifyIntervalMs;
    receiverThreadJobs = receiverThreadJobs == null ? Boolean.TRUE : receiverThreadJobs;
    require(port >= 0 && port <= 65535, "port", "must be 0..65535 (0 = any free port), got " + port);
    require(plainPort == null || plainPort >= 0 && plainPort <= 65535, "plainPort",
        "must be 0..65535 or absent, got " + plainPort);
    require(!pskFile.isBlank(), "pskFile", "must name the pre-shared key file");
    require(maxRequestBytes >= 0 && maxRequestBytes <= 65536, "maxRequestBytes",
        "must be 0..65536, got " + maxRequestBytes);
    require(energyMaxRangeDays >= 1 && energyMaxRangeDays <= 3660, "energyMaxRangeDays",
        "must be 1..3660, got " + energyMaxRangeDays);
    require(deleteCollectedAfterS == null || deleteCollectedAfterS >= 0, "deleteCollectedAfterS",
        "must be >= 0 s or absent, got " + deleteCollectedAfterS);
    require(liveNotifyIntervalMs >= 100, "liveNotifyIntervalMs", "must be >= 100, got " + liveNotifyIntervalMs);
    try {
      InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      throw new ConfigException("bindAddress", "not an address: " + bindAddress);
    }
  }

  /** The defaults, as listed in the class comment. */
  public static DepotConfig defaults() {
    return new DepotConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** A copy with another key file, bind address, ports (tests and tools). */
  public DepotConfig with(Path keyFile, String bind, int dtlsPort, Integer plain) {
    return new DepotConfig(enabled, bind, dtlsPort, keyFile.toString(), plain, maxRequestBytes, energyMaxRangeDays,
        liveNotifyIntervalMs, receiverThreadJobs, deleteCollectedAfterS);
  }

  /** How long a collected trip is kept, when collected trips are deleted before the budget needs room. */
  public java.util.Optional<java.time.Duration> deleteCollectedAfter() {
    return java.util.Optional.ofNullable(deleteCollectedAfterS).map(java.time.Duration::ofSeconds);
  }

  public Path pskPath() {
    return Path.of(pskFile);
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException(key, problem);
    }
  }
}
