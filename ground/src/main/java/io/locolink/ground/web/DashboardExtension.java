package io.locolink.ground.web;

import io.locolink.ground.api.RoutePlugin;
import io.locolink.ground.station.GroundStation;
import io.locolink.ground.station.StationConfig;
import io.locolink.ground.station.StationExtension;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.List;

/**
 * The dashboard as {@code locolink ground} runs it: on the station's HTTP server, HTTPS when the
 * configuration's {@code web} section names a certificate, the first admin from its
 * {@code adminPasswordFile}.
 */
public final class DashboardExtension implements StationExtension {

  private final StationConfig config;
  private final Dashboard dashboard;

  private DashboardExtension(StationConfig config, Dashboard dashboard) {
    this.config = config;
    this.dashboard = dashboard;
  }

  /**
   * The dashboard for a station configuration.
   *
   * @throws IllegalArgumentException if it would serve plain HTTP beyond loopback
   */
  public static DashboardExtension of(StationConfig config) {
    Dashboard.Settings settings = new Dashboard.Settings(config.http().host(), config.http().port(),
        config.web().certFile(), config.web().keyFile());
    return new DashboardExtension(config, new Dashboard(settings, InstantSource.system()));
  }

  @Override
  public List<RoutePlugin> plugins() {
    return List.of(dashboard);
  }

  @Override
  public void started(GroundStation station, PrintWriter out) throws Exception {
    if (config.web().adminPasswordFile() != null
        && Dashboard.firstAdmin(station.dataSource(), "admin", config.web().adminPasswordFile())) {
      out.println("dashboard: created user 'admin' from " + config.web().adminPasswordFile());
    }
    if (new UserStore(station.dataSource()).admins() == 0) {
      out.println("dashboard: no user yet; add one with: locolink ground user add NAME --role admin --password-file FILE");
    }
    out.println("dashboard: " + dashboard.url(station.httpPort()));
  }

  @Override
  public void close() {
    dashboard.close();
  }
}
