package io.locolink.ground.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.api.RoutePlugin;
import io.locolink.ground.station.GroundStation;
import io.locolink.ground.station.StationConfig;
import io.locolink.ground.testing.Frames;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The set-up of the dashboard tests: a real Mosquitto, a real station on its embedded PostgreSQL
 * with the dashboard as its web part, subscribed before {@link #start} returns, and the users the
 * tests log in as. Closing stops the station, the dashboard and the broker, in that order.
 */
final class DashboardStation implements AutoCloseable {

  static final String ENGINEER = "erin";
  static final String ENGINEER_PASSWORD = "engineer password 1";
  static final String VIEWER = "vic";
  static final String VIEWER_PASSWORD = "viewer password 22";

  final MosquittoBroker broker;
  final Dashboard dashboard;
  final GroundStation station;
  /** The dashboard's address without the trailing slash, e.g. {@code http://127.0.0.1:41234}. */
  final String base;

  private DashboardStation(MosquittoBroker broker, Dashboard dashboard, GroundStation station) {
    this.broker = broker;
    this.dashboard = dashboard;
    this.station = station;
    String url = dashboard.url(station.httpPort());
    this.base = url.substring(0, url.length() - 1);
  }

  /** A station on loopback plain HTTP, port chosen by the system. */
  static DashboardStation start(Path dir) throws Exception {
    return start(dir, Dashboard.Settings.loopback("127.0.0.1", 0), 0, UnaryOperator.identity());
  }

  /**
   * A station whose dashboard listens as {@code settings} say.
   *
   * @param dir the test's directory; the station keeps its state under {@code dir/station}
   * @param httpPort the station's web port, 0 for one the system chooses
   * @param configure adds to the station's embedded configuration (e.g. depot collection)
   */
  static DashboardStation start(Path dir, Dashboard.Settings settings, int httpPort,
      UnaryOperator<StationConfig> configure) throws Exception {
    return start(dir, settings, httpPort, configure, List.of());
  }

  /** As {@link #start(Path, Dashboard.Settings, int, UnaryOperator)}, with {@code more} installed after the dashboard. */
  static DashboardStation start(Path dir, Dashboard.Settings settings, int httpPort,
      UnaryOperator<StationConfig> configure, List<RoutePlugin> more) throws Exception {
    MosquittoBroker broker = MosquittoBroker.startPlain();
    Dashboard dashboard = null;
    try {
      dashboard = new Dashboard(settings, InstantSource.system());
      List<RoutePlugin> plugins = new ArrayList<>(List.of(dashboard));
      plugins.addAll(more);
      GroundStation station = GroundStation.start(
          configure.apply(StationConfig.embedded(dir.resolve("station"), broker.url(), httpPort)), plugins);
      DashboardStation started = new DashboardStation(broker, dashboard, station);
      assertTrue(station.ingest().awaitSubscribed(60, TimeUnit.SECONDS), "station subscribed");
      return started;
    } catch (Exception | Error e) {
      if (dashboard != null) {
        dashboard.close();
      }
      broker.close();
      throw e;
    }
  }

  /**
   * Publishes what a live locomotive's gateway sends first, on boot {@code boot}: its retained status
   * (online) and one telemetry frame a second old, QoS 1.
   */
  void publishLive(String loco, long boot, String clientId) throws MqttException {
    long now = System.currentTimeMillis();
    MqttClient publisher = new MqttClient(broker.url(), clientId, new MemoryPersistence());
    publisher.connect();
    publisher.publish("locolink/v1/" + loco + "/status", Frames.status(loco, boot, now, true).toByteArray(), 1, true);
    publisher.publish("locolink/v1/" + loco + "/telemetry", Frames.telemetry(loco, boot, 1, now - 1000,
        new int[] {71_190, 71_180}, new int[] {1_078, 1_080}, 700).toByteArray(), 1, false);
    publisher.disconnect();
    publisher.close();
  }

  /** The station's users. */
  UserStore users() {
    return new UserStore(station.dataSource());
  }

  /** Adds {@link #ENGINEER} and {@link #VIEWER} with their passwords. */
  DashboardStation withStaff() throws SQLException {
    UserStore users = users();
    users.add(ENGINEER, Role.ENGINEER, ENGINEER_PASSWORD.toCharArray(), false);
    users.add(VIEWER, Role.VIEWER, VIEWER_PASSWORD.toCharArray(), false);
    return this;
  }

  @Override
  public void close() {
    station.close();
    dashboard.close();
    broker.close();
  }
}
