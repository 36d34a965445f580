package io.locolink.ground.web;

import static io.locolink.ground.web.DashboardBrowserTest.WAIT;
import static io.locolink.ground.web.DashboardBrowserTest.chromium;
import static io.locolink.ground.web.DashboardBrowserTest.console;
import static io.locolink.ground.web.DashboardBrowserTest.consoleErrors;
import static io.locolink.ground.web.DashboardBrowserTest.logIn;
import static io.locolink.ground.web.DashboardBrowserTest.text;
import static io.locolink.ground.web.DashboardBrowserTest.waiting;
import static io.locolink.ground.web.DashboardStation.VIEWER;
import static io.locolink.ground.web.DashboardStation.VIEWER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.Sql;
import io.locolink.proto.v1.TripSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The trips page shows each trip's temperature extremes as the locomotive's trip summaries sent
 * them, through the station (MQTT, ingest, PostgreSQL, the API) into a real headless Chromium: at
 * their resolution of 0.1 degC, 0.0 degC included, and a temperature the summary leaves out (never
 * read good) as the dash every page shows for an unknown value, its tooltip saying it is unknown.
 */
class DashboardTripsBrowserTest {

  private static final String LOCO = "KZ-TRIPS-1";
  private static final String READ = "20261203T060000Z-0001";
  private static final String NEVER_READ = "20261203T090000Z-0002";

  @TempDir
  static Path dir;

  static DashboardStation web;

  @BeforeAll
  static void start() throws Exception {
    web = DashboardStation.start(dir).withStaff();
    web.publishLive(LOCO, 5, "trips-live");
    MqttClient publisher = new MqttClient(web.broker.url(), "trips-publisher", new MemoryPersistence());
    publisher.connect();
    long start = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
    // cells from -0.5 to 0.0 degC, windings up to 41.5 degC (in 0.1 degC on the wire)
    publisher.publish("locolink/v1/" + LOCO + "/trip", trip(READ, 2, start).setMinCellTempDc(-5).setMaxCellTempDc(0)
        .setMaxMotorTempDc(415).build().toByteArray(), 1, false);
    // no temperature read good in the whole trip: the summary leaves all three out
    publisher.publish("locolink/v1/" + LOCO + "/trip", trip(NEVER_READ, 3, start + 3 * 3_600_000L).build()
        .toByteArray(), 1, false);
    publisher.disconnect();
    publisher.close();
    Await.until("both trips stored", WAIT, () -> Sql.count(web.station.dataSource(), "SELECT count(*) FROM trip") == 2);
  }

  private static TripSummary.Builder trip(String id, long seq, long startMs) {
    return TripSummary.newBuilder().setHeader(Frames.header(LOCO, 5, seq, startMs + 3_600_000L)).setTripId(id)
        .setStartUnixMs(startMs).setEndUnixMs(startMs + 3_600_000L).setDistanceM(12_345).setConsumedWh(67_890)
        .setSocStartPermille(800).setSocEndPermille(650);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
  }

  @Test
  void theTripsPageShowsTheTripTemperaturesAndUnknownForNone() throws Exception {
    WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile")));
    try {
      logIn(browser, web.base, VIEWER, VIEWER_PASSWORD);
      browser.get(web.base + "/trips");
      waiting(browser).until(d -> !d.findElements(By.cssSelector("#trip-loco option[value='" + LOCO + "']")).isEmpty());
      new Select(browser.findElement(By.id("trip-loco"))).selectByValue(LOCO);
      waiting(browser).withMessage(() -> "two trips: " + text(browser, "main") + "\nconsole: " + console(browser))
          .until(d -> d.findElements(By.cssSelector("#trips tbody tr")).size() == 2);

      String read = "#trips tr[data-trip='" + READ + "'] ";
      assertEquals("-0.5", text(browser, read + "td.cell-temp-min"));
      assertEquals("0.0", text(browser, read + "td.cell-temp-max"), "0.0 degC is a reading, not unknown");
      assertEquals("41.5", text(browser, read + "td.motor-temp-max"));
      for (String cls : List.of("cell-temp-min", "cell-temp-max", "motor-temp-max")) {
        assertNull(browser.findElement(By.cssSelector(read + "td." + cls)).getDomAttribute("title"), cls);
        var unknown = browser.findElement(By.cssSelector("#trips tr[data-trip='" + NEVER_READ + "'] td." + cls));
        assertEquals("–", unknown.getText(), cls + " never read good");
        assertEquals("unknown: no good reading in the trip", unknown.getDomAttribute("title"), cls);
      }
      // the columns line up with their headings
      List<String> headings = browser.findElements(By.cssSelector("#trips thead th")).stream()
          .map(h -> h.getText()).toList();
      List<String> cells = browser.findElements(By.cssSelector(read + "td")).stream().map(c -> c.getText()).toList();
      assertEquals(headings.size(), cells.size(), headings + " " + cells);
      assertEquals("41.5", cells.get(headings.indexOf("Motor max °C")), headings + " " + cells);

      assertEquals(List.of(), consoleErrors(browser), "the console's errors");
    } finally {
      browser.quit();
    }
  }
}
