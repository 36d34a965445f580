package io.locolink.simulator.app;

import io.locolink.ground.station.GroundStation;
import io.locolink.ground.station.StationConfig;
import io.locolink.ground.web.Dashboard;
import io.locolink.ground.web.Role;
import io.locolink.ground.web.UserStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The demo's ground station: the real station (embedded PostgreSQL in the state directory, the
 * ingest on the demo's broker) with the dashboard on a free loopback port, and a one-time log-in:
 * user {@value #ADMIN} with a password drawn at each start, written only to a file readable by its
 * owner ({@value #PASSWORD_FILE} in the state directory).
 */
final class DemoStation implements AutoCloseable {

  static final String ADMIN = "admin";
  static final String PASSWORD_FILE = "dashboard-admin.password";

  private final GroundStation station;
  private final Dashboard dashboard;
  private final Path passwordFile;

  private DemoStation(GroundStation station, Dashboard dashboard, Path passwordFile) {
    this.station = station;
    this.dashboard = dashboard;
    this.passwordFile = passwordFile;
  }

  /**
   * Starts the station in {@code stateDir/ground} on {@code broker} and sets the admin's password.
   * Blocks until the HTTP server listens (the embedded database takes a few seconds the first time).
   */
  static DemoStation start(Path stateDir, DemoConfig.Broker broker) throws IOException, SQLException {
    StationConfig.Broker b = new StationConfig.Broker(broker.url(), null, null, broker.caFile(), null, null,
        broker.usernameFile(), broker.passwordFile(), null, null);
    StationConfig config = new StationConfig(stateDir.resolve("ground"), b, null, new StationConfig.Http(null, 0),
        null, null, null, null);
    Dashboard dashboard = new Dashboard(Dashboard.Settings.loopback(config.http().host(), 0), InstantSource.system());
    GroundStation station;
    try {
      station = GroundStation.start(config, List.of(dashboard));
    } catch (IOException | RuntimeException e) {
      dashboard.close();
      throw e;
    }
    try {
      Path file = stateDir.resolve(PASSWORD_FILE);
      char[] password = newPassword();
      try {
        writeOwnerOnly(file, new String(password) + "\n");
        new UserStore(station.dataSource()).add(ADMIN, Role.ADMIN, password, true);
      } finally {
        Arrays.fill(password, '\0');
      }
      return new DemoStation(station, dashboard, file);
    } catch (IOException | SQLException | RuntimeException e) {
      station.close();
      dashboard.close();
      throw e;
    }
  }

  /** The dashboard's address, e.g. {@code http://127.0.0.1:43121/}. */
  String dashboardUrl() {
    return dashboard.url(station.httpPort());
  }

  /** The file holding this start's admin password (mode 600). */
  Path passwordFile() {
    return passwordFile;
  }

  GroundStation station() {
    return station;
  }

  /** 18 random bytes as 24 URL-safe characters: 144 bits, typed or pasted without quoting. */
  private static char[] newPassword() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Stops the station (the broker keeps its session), then the dashboard's live stream. */
  @Override
  public void close() {
    try {
      station.close();
    } finally {
      dashboard.close();
    }
  }
}
