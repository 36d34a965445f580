package io.locolink.gateway.depot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.locolink.gateway.trips.TripInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The depot server's JSON answers, written with Jackson's streaming generator (no data binding: its
 * classes would be loaded into the gateway for four small shapes). Keys in the order below, compact,
 * UTF-8; times as ISO-8601 UTC text; a non-finite double as the text {@code "NaN"} or
 * {@code "Infinity"}, an absent text as {@code null}, as the data-binding writer wrote them before.
 * Stateless; any thread.
 */
final class DepotJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private DepotJson() {}

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("JSON into memory failed", e);  // a byte array does not fail
    }
    return out.toByteArray();
  }

  /** {@code [{id, start, end, sizeBytes, sha256, collected}, ...]}: the finished trips. */
  static byte[] tripList(List<TripInfo> trips, Predicate<TripInfo> collected) {
    return write(g -> {
      g.writeStartArray();
      for (TripInfo t : trips) {
        listing(g, t, collected.test(t));
      }
      g.writeEndArray();
    });
  }

  /** {@code {id, start, end, sizeBytes, sha256, collected}}: one trip; collected: the ground acknowledged it. */
  static byte[] trip(TripInfo trip, boolean collected) {
    return write(g -> listing(g, trip, collected));
  }

  private static void listing(JsonGenerator g, TripInfo t, boolean collected) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", t.id().value());
    g.writeStringField("start", t.start().toString());
    g.writeStringField("end", t.end().toString());
    g.writeNumberField("sizeBytes", t.sizeBytes());
    g.writeStringField("sha256", t.sha256Hex());
    g.writeBooleanField("collected", collected);
    g.writeEndObject();
  }

  /** {@code {collected, collectedAt}}: when the ground acknowledged a trip, null if it has not. */
  static byte[] collected(Optional<Instant> at) {
    return write(g -> {
      g.writeStartObject();
      g.writeBooleanField("collected", at.isPresent());
      g.writeStringField("collectedAt", at.map(Instant::toString).orElse(null));
      g.writeEndObject();
    });
  }

  /** {@code {status, checks: [{name, ok, detail}], trips, tripBytes, energyBytes, uptimeS}}. */
  static byte[] health(String status, List<HealthCheck> checks, int trips, long tripBytes, long energyBytes,
      long uptimeS) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("status", status);
      g.writeArrayFieldStart("checks");
      for (HealthCheck c : checks) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeBooleanField("ok", c.ok());
        g.writeStringField("detail", c.detail());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("trips", trips);
      g.writeNumberField("tripBytes", tripBytes);
      g.writeNumberField("energyBytes", energyBytes);
      g.writeNumberField("uptimeS", uptimeS);
      g.writeEndObject();
    });
  }

  /**
   * {@code {utc, socPercent, packVoltageV, packCurrentA, packPowerKw, cellMinV, cellMaxV, cellMinTempC,
   * cellMaxTempC, activeAlarms, highestAlarmTier}}: the live battery state.
   */
  static byte[] battery(LiveBattery b) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("utc", b.utc().toString());
      g.writeNumberField("socPercent", b.socPercent());
      g.writeNumberField("packVoltageV", b.packVoltageV());
      g.writeNumberField("packCurrentA", b.packCurrentA());
      g.writeNumberField("packPowerKw", b.packPowerKw());
      g.writeNumberField("cellMinV", b.cellMinV());
      g.writeNumberField("cellMaxV", b.cellMaxV());
      g.writeNumberField("cellMinTempC", b.cellMinTempC());
      g.writeNumberField("cellMaxTempC", b.cellMaxTempC());
      g.writeNumberField("activeAlarms", b.activeAlarms());
      g.writeStringField("highestAlarmTier", b.highestAlarmTier());
      g.writeEndObject();
    });
  }
}
