package io.locolink.gateway.app;

import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.LearnedCapacity;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pack capacity the estimator learned, kept in the state directory ({@value #NAME}) so that a
 * restart does not begin again from the BMS's state of health with its 20 % prior. Read at start;
 * written through {@link FileIo#replace(Path, byte[])} (atomic: the old or the new content after a
 * power cut, never a mix) each time the learned value changes, which is at most once per OCV rest.
 * A file that cannot be read or holds impossible values is reported with a WARN naming the file and
 * the problem, set aside as {@value #NAME}{@code .corrupt}, and the start goes on from the BMS.
 * Threading: {@link #saveIfChanged} on the acquisition thread only.
 */
final class LearnedCapacityFile {

  static final String NAME = "battery-capacity";

  private static final Logger LOG = LoggerFactory.getLogger(LearnedCapacityFile.class);

  private final Path file;
  private final FileIo io;
  private LearnedCapacity saved;

  LearnedCapacityFile(Path stateDir, FileIo io) {
    this.file = stateDir.resolve(NAME);
    this.io = io;
  }

  /** Hands the kept capacity, if there is a readable one, to {@code estimator}; before its first update. */
  void loadInto(BatteryEstimator estimator) {
    load().ifPresent(capacity -> {
      if (estimator.useLearnedCapacity(capacity)) {
        saved = capacity;
        LOG.info("battery capacity learned earlier: {} % of {} Ah (+-{} %)", round(capacity.sohPercent()),
            round(capacity.ratedAh()), round(capacity.sigmaPercent()));
      } else {
        LOG.warn("the battery capacity in {} was learned for a {} Ah pack, not the configured one: starting from the"
            + " BMS's state of health", file, round(capacity.ratedAh()));
      }
    });
  }

  /** The kept capacity; empty when there is none or it cannot be read (then set aside, with a WARN). */
  Optional<LearnedCapacity> load() {
    if (!io.exists(file)) {
      return Optional.empty();
    }
    try {
      Properties p = new Properties();
      p.load(new StringReader(new String(io.readAll(file), StandardCharsets.ISO_8859_1)));
      return Optional.of(new LearnedCapacity(number(p, "ratedAh"), number(p, "sohPercent"),
          number(p, "sigmaPercent")));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("the learned battery capacity in {} is unreadable ({}); set aside as {}.corrupt, starting from the"
          + " BMS's state of health", file, e.getMessage(), NAME);
      try {
        io.replace(file, file.resolveSibling(NAME + ".corrupt"));
      } catch (IOException moving) {
        LOG.warn("cannot set {} aside: {}", file, moving.toString());
      }
      return Optional.empty();
    }
  }

  /** Writes the estimator's learned capacity if it differs from what the file holds. */
  void saveIfChanged(BatteryEstimator estimator) {
    Optional<LearnedCapacity> now = estimator.learnedCapacity();
    if (now.isEmpty() || Objects.equals(now.get(), saved)) {
      return;
    }
    LearnedCapacity c = now.get();
    Properties p = new Properties();
    p.setProperty("ratedAh", Double.toString(c.ratedAh()));
    p.setProperty("sohPercent", Double.toString(c.sohPercent()));
    p.setProperty("sigmaPercent", Double.toString(c.sigmaPercent()));
    saved = c;  // a failed write is not retried every cycle; the next change tries again
    try {
      StringWriter out = new StringWriter();
      p.store(out, "battery capacity learned from OCV readings far apart");
      io.createDirectories(file.getParent());
      io.replace(file, out.toString().getBytes(StandardCharsets.ISO_8859_1));
      LOG.info("battery capacity learned: {} % of {} Ah (+-{} %)", round(c.sohPercent()), round(c.ratedAh()),
          round(c.sigmaPercent()));
    } catch (IOException e) {
      LOG.warn("cannot keep the learned battery capacity in {}: {}", file, e.toString());
    }
  }

  private static double number(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("no " + key);
    }
    return Double.parseDouble(v.strip());
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
