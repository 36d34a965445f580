package io.locolink.ground.web;

import static io.locolink.ground.web.DashboardBrowserTest.chromium;
import static io.locolink.ground.web.DashboardBrowserTest.console;
import static io.locolink.ground.web.DashboardBrowserTest.consoleErrors;
import static io.locolink.ground.web.DashboardBrowserTest.logIn;
import static io.locolink.ground.web.DashboardBrowserTest.text;
import static io.locolink.ground.web.DashboardBrowserTest.waiting;
import static io.locolink.ground.web.DashboardStation.ENGINEER;
import static io.locolink.ground.web.DashboardStation.ENGINEER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The dashboard of a station that does not collect from the depots (the demo's): in a real headless
 * Chromium, the trips page says so instead of asking for the collection the station does not serve,
 * and no page logs an error to the browser's console, the browser's own request for
 * {@code /favicon.ico} included.
 */
class DashboardWithoutCollectionBrowserTest {

  private static final String LOCO = "KZ-NOCOL-1";

  @TempDir
  static Path dir;

  static DashboardStation web;

  @BeforeAll
  static void start() throws Exception {
    web = DashboardStation.start(dir).withStaff();
    web.publishLive(LOCO, 7, "no-collection-publisher");
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
  }

  @Test
  void theTripsPageSaysTheStationDoesNotCollectAndNoPageLogsAnError() throws Exception {
    WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile")));
    try {
      logIn(browser, web.base, ENGINEER, ENGINEER_PASSWORD);
      browser.get(web.base + "/trips");
      waiting(browser).withMessage(() -> "the trips page's note: " + text(browser, "main") + "\nconsole: "
          + console(browser)).until(d -> text(d, "#trips-note").contains("does not collect trip logs"));
      assertTrue(text(browser, "#trips-note").startsWith("no trips reported yet"), text(browser, "#trips-note"));
      assertEquals(LOCO, browser.findElement(By.cssSelector("#trip-loco option")).getText());
      assertEquals(List.of(), consoleErrors(browser), "the console's errors");
    } finally {
      browser.quit();
    }
  }

  @Test
  void theStationServesAnIconAndSaysItDoesNotCollect() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> icon = http.send(HttpRequest.newBuilder(URI.create(web.base + "/favicon.ico")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, icon.statusCode(), "no log-in needed");
    assertTrue(icon.headers().firstValue("Content-Type").orElseThrow().startsWith("image/x-icon"));
    // An ICO file's header: reserved 0, type 1 (icon), then the number of images, little-endian.
    assertArrayEquals(new byte[] {0, 0, 1, 0, 1, 0}, Arrays.copyOf(icon.body(), 6));
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(web.base + "/api/v1/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(health.body().contains("\"depotCollection\":false"), health.body());
  }
}
