package io.locolink.gateway.devices;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads NMEA 0183 from a GNSS receiver on a {@link SerialLink} without blocking the cycle: each
 * {@link #poll} drains what arrived, checks every sentence and pairs RMC with GGA into a
 * {@link Position}. Not thread-safe.
 */
public final class GnssReceiver {

  /** One RMC/GGA pair with a valid fix. */
  public record Position(Nmea.Rmc rmc, Nmea.Gga gga) {}

  /** What one poll saw. */
  public record PollResult(Optional<Position> position, int corruptSentences, int noFixSentences, int bytesRead) {}

  private static final int MAX_LINE = 120;

  private final SerialLink link;
  private final byte[] chunk = new byte[512];
  private final StringBuilder line = new StringBuilder();
  private Nmea.Gga lastGga;
  private boolean lastSentenceWithoutFix;

  public GnssReceiver(SerialLink link) {
    this.link = link;
  }

  /** Reads what is waiting, without waiting and returns the newest complete fix, if any arrived. */
  public PollResult poll() {
    Optional<Position> newest = Optional.empty();
    int corrupt = 0;
    int noFix = 0;
    int total = 0;
    int n;
    while ((n = link.read(chunk, 0, chunk.length, Duration.ZERO)) > 0) {
      total += n;
      for (int i = 0; i < n; i++) {
        char c = (char) (chunk[i] & 0x7F);
        if (c == '$') {
          line.setLength(0);
        }
        if (c == '\n') {
          try {
            Optional<Position> position = accept(line.toString());
            if (position.isPresent()) {
              newest = position;
            } else if (lastSentenceWithoutFix) {
              noFix++;
            }
          } catch (FrameCorruptException e) {
            corrupt++;
          }
          line.setLength(0);
        } else if (line.length() < MAX_LINE) {
          line.append(c);
        }
      }
    }
    return new PollResult(newest, corrupt, noFix, total);
  }

  private Optional<Position> accept(String sentence) throws FrameCorruptException {
    lastSentenceWithoutFix = false;
    if (sentence.isBlank()) {
      return Optional.empty();
    }
    String[] fields = Nmea.fields(sentence);
    switch (Nmea.type(fields)) {
      case "GGA" -> lastGga = Nmea.gga(fields);
      case "RMC" -> {
        Optional<Nmea.Rmc> rmc = Nmea.rmc(fields);
        if (rmc.isPresent() && rmc.get().valid() && lastGga != null && lastGga.fixQuality() > 0) {
          return Optional.of(new Position(rmc.get(), lastGga));
        }
        lastSentenceWithoutFix = true;
      }
      default -> { }
    }
    return Optional.empty();
  }
}
