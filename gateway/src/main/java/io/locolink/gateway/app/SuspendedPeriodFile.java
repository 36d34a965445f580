package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.SuspendedPeriod;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The energy period a clean stop suspended ({@link SuspendedPeriod}), kept in the state directory
 * ({@value #NAME}) until the next start has taken it over: written at the stop through
 * {@link FileIo#replace(Path, byte[])}, read at the start, deleted once the first cycle ran (the
 * period is then continued in memory or stored as a record). A file that cannot be read is logged
 * at ERROR with its content's fate and set aside as {@value #NAME}{@code .corrupt}; the start goes on.
 */
final class SuspendedPeriodFile {

  static final String NAME = "energy-period";

  private static final Logger LOG = LoggerFactory.getLogger(SuspendedPeriodFile.class);

  private final Path file;
  private final FileIo io;

  SuspendedPeriodFile(Path stateDir, FileIo io) {
    this.file = stateDir.resolve(NAME);
    this.io = io;
  }

  /** Writes {@code period}; a failure is logged (the period's energy is then lost) and not thrown. */
  void save(SuspendedPeriod period, String locomotiveId) {
    Properties p = new Properties();
    p.setProperty("slotStart", period.slotStart().toString());
    p.setProperty("periodS", Integer.toString(period.periodS()));
    EnergyTotals t = period.soFar();
    double[] totals = {t.consumedJ(), t.regeneratedJ(), t.depotChargeJ(), t.gensetChargeJ(), t.gensetOutputJ(),
        t.tractionJ(), t.dieselIdleS(), t.dieselL(), t.integratedS()};
    StringBuilder joined = new StringBuilder();
    for (double d : totals) {
      joined.append(joined.isEmpty() ? "" : " ").append(Double.toString(d));
    }
    p.setProperty("soFar", joined.toString());
    p.setProperty("qualityWord", Integer.toString(period.qualityWord()));
    p.setProperty("unsynced", Boolean.toString(period.unsynced()));
    p.setProperty("gap", Boolean.toString(period.gap()));
    p.setProperty("integratedS", Double.toString(period.integratedS()));
    p.setProperty("faultS", Double.toString(period.faultS()));
    byte[] closed = EnergyRecordCodec.encode(period.asClosed(),
        new HeaderFields(locomotiveId, 0, 0, period.asClosed().periodEnd(), ClockQuality.UNSYNCED));
    p.setProperty("asClosed", Base64.getEncoder().encodeToString(closed));
    try {
      StringWriter out = new StringWriter();
      p.store(out, "energy period suspended by a clean stop; taken over by the next start");
      io.createDirectories(file.getParent());
      io.replace(file, out.toString().getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      LOG.error("cannot keep the energy period in progress in {}: its energy ({} Wh consumed) is lost: {}", file,
          period.asClosed().consumedWh(), e.toString());
    }
  }

  /** The period the last run suspended, if it left one that can be read. */
  Optional<SuspendedPeriod> load() {
    if (!io.exists(file)) {
      return Optional.empty();
    }
    try {
      Properties p = new Properties();
      p.load(new StringReader(new String(io.readAll(file), StandardCharsets.ISO_8859_1)));
      String[] t = required(p, "soFar").split(" ");
      if (t.length != 9) {
        throw new IllegalArgumentException("soFar holds " + t.length + " registers, not 9");
      }
      EnergyTotals soFar = new EnergyTotals(Double.parseDouble(t[0]), Double.parseDouble(t[1]),
          Double.parseDouble(t[2]), Double.parseDouble(t[3]), Double.parseDouble(t[4]), Double.parseDouble(t[5]),
          Double.parseDouble(t[6]), Double.parseDouble(t[7]), Double.parseDouble(t[8]));
      return Optional.of(new SuspendedPeriod(Instant.parse(required(p, "slotStart")),
          Integer.parseInt(required(p, "periodS")), soFar, Integer.parseInt(required(p, "qualityWord")),
          Boolean.parseBoolean(required(p, "unsynced")), Boolean.parseBoolean(required(p, "gap")),
          Double.parseDouble(required(p, "integratedS")), Double.parseDouble(required(p, "faultS")),
          EnergyRecordCodec.decode(Base64.getDecoder().decode(required(p, "asClosed")))));
    } catch (IOException | RuntimeException e) {
      LOG.error("the energy period kept at the last stop in {} cannot be read ({}); set aside as {}.corrupt, its"
          + " energy is not sent", file, e.getMessage(), NAME);
      try {
        io.replace(file, file.resolveSibling(NAME + ".corrupt"));
      } catch (IOException moving) {
        LOG.warn("cannot set {} aside: {}", file, moving.toString());
      }
      return Optional.empty();
    }
  }

  /** Deletes the file once its period is taken over. */
  void taken() {
    try {
      io.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", file, e.toString());
    }
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("no " + key);
    }
    return v;
  }
}
