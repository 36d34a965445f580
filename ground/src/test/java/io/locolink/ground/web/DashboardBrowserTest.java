package io.locolink.ground.web;

import static io.locolink.ground.web.DashboardStation.ENGINEER_PASSWORD;
import static io.locolink.ground.web.DashboardStation.VIEWER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.ground.collect.CollectionStore;
import io.locolink.ground.collect.TripListing;
import io.locolink.ground.station.StationConfig;
import io.locolink.ground.testing.Frames;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.AlarmTier;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromedriver, driven by
 * Selenium; nothing downloaded, Selenium Manager never runs) against a real station on real
 * Mosquitto and PostgreSQL, fed the wire messages of three locomotives: log in; the fleet shows
 * every locomotive, each value at its resolution (70.0 %, not 70), and follows a new frame without a
 * reload; a locomotive's page follows it too, and its chart holds one point per frame sent; a top-tier alarm shows in the banner and an
 * engineer acknowledges it with a comment; a viewer gets no button and the server refuses the
 * viewer's acknowledgement; the trips page links the report and CSV of a trip whose log the
 * station collected, and only of that one; a page whose stream broke off, while a change and its
 * going stale went out, shows both once it reconnects. Screenshots are taken and checked (size, not blank, header drawn).
 *
 * <p>Every wait is on a condition in the page, with a generous limit, so a slow machine only
 * makes it slower. With {@code -Dlocolink.screenshots=DIR} the screenshots are also kept in DIR.
 */
class DashboardBrowserTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final List<String> LOCOS = List.of("KZ-WEB-001", "KZ-WEB-002", "KZ-WEB-003");
  /** Frames of the history chart: 30, 12 s apart, so each falls in its own bucket of the 1 h range (6 s). */
  static final int HISTORY_FRAMES = 30;
  static final long HISTORY_STEP_MS = 12_000;

  @TempDir
  static Path dir;

  static DashboardStation web;
  static MqttClient publisher;

  @BeforeAll
  static void start() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("depot-keys"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    web = DashboardStation.start(dir, Dashboard.Settings.loopback("127.0.0.1", 0), 0,
        config -> config.withCollect(new StationConfig.Collect(keys, 3600L, 1, 10L, 1))).withStaff();
    publisher = new MqttClient(web.broker.url(), "browser-test-publisher", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);  // Paho's default of 10 refuses the set-up's burst ("too many publishes in progress")
    publisher.connect(options);
    long now = System.currentTimeMillis();
    for (int i = 0; i < LOCOS.size(); i++) {
      String loco = LOCOS.get(i);
      publisher.publish("locolink/v1/" + loco + "/status", Frames.status(loco, 1000 + i, now, true).toByteArray(), 1,
          true);
    }
    frame("KZ-WEB-001", 1, now - 2000, 700);
    frame("KZ-WEB-002", 1, now - 2000, 710);
    for (int k = 0; k < HISTORY_FRAMES; k++) {
      frame("KZ-WEB-003", 1 + k, now - 10_000 - (HISTORY_FRAMES - 1 - k) * HISTORY_STEP_MS, 600 + k);
    }
  }

  static void frame(String loco, long seq, long timeMs, int socPm) throws Exception {
    byte[] payload = Frames.telemetry(loco, 1000 + LOCOS.indexOf(loco), seq, timeMs, new int[] {71_190, 71_180},
        new int[] {1_078, 1_080}, socPm).toByteArray();
    publisher.publish("locolink/v1/" + loco + "/telemetry", payload, 1, false);
  }

  @AfterAll
  static void stop() throws Exception {
    if (publisher != null) {
      publisher.disconnect();
      publisher.close();
    }
    if (web != null) {
      web.close();
    }
  }

  /** Debian's headless Chromium through its own chromedriver: both paths given, so nothing is looked up or fetched. */
  static WebDriver chromium(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,900", "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(120)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    return driver;
  }

  /** Waits on a condition; the pages redraw live, so an element gone stale is only looked for again. */
  static WebDriverWait waiting(WebDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  static void logIn(WebDriver browser, String user, String password) {
    logIn(browser, web.base, user, password);
  }

  /** Logs in on the dashboard at {@code base} and waits for the fleet page. */
  static void logIn(WebDriver browser, String base, String user, String password) {
    browser.get(base + "/");
    waiting(browser).until(d -> d.getCurrentUrl().endsWith("/login")
        && !d.findElements(By.cssSelector("body[data-ready] #user")).isEmpty());  // login.js has taken the form
    browser.findElement(By.id("user")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login-button")).click();
    waiting(browser).withMessage(() -> "the fleet page after logging in as " + user + ", at " + browser.getCurrentUrl()
        + ": " + browser.findElement(By.tagName("body")).getText() + "\nconsole: " + console(browser))
        .until(d -> !d.findElements(By.cssSelector("#fleet tbody tr")).isEmpty());
  }

  /** The browser console's errors (SEVERE and above), each as a line. */
  static List<String> consoleErrors(WebDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(Object::toString).toList();
  }

  /** The browser console's messages, for a failure's message. */
  static String console(WebDriver browser) {
    try {
      return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(Object::toString)
          .collect(java.util.stream.Collectors.joining("\n"));
    } catch (RuntimeException e) {
      return "(no console log: " + e + ")";
    }
  }

  static String soc(WebDriver browser, String loco) {
    return text(browser, "#fleet tr[data-loco='" + loco + "'] td.soc");
  }

  /** The text of the first element matching {@code css}, or "" (also when it was just redrawn). */
  static String text(WebDriver browser, String css) {
    try {
      List<WebElement> found = browser.findElements(By.cssSelector(css));
      return found.isEmpty() ? "" : found.getFirst().getText();
    } catch (StaleElementReferenceException e) {
      return "";
    }
  }

  static Object script(WebDriver browser, String js) {
    return ((JavascriptExecutor) browser).executeScript(js);
  }

  @Test
  void anEngineerSeesTheFleetLiveAndAcknowledgesAnAlarmAViewerCannot() throws Exception {
    WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile-engineer")));
    try {
      logIn(browser, "erin", ENGINEER_PASSWORD);
      waiting(browser).until(d -> d.findElements(By.cssSelector("#fleet tbody tr")).size() == LOCOS.size());
      for (String loco : LOCOS) {
        assertEquals(1, browser.findElements(By.cssSelector("#fleet tr[data-loco='" + loco + "']")).size(), loco);
      }
      // soc_permille 700 is 70.0 %
      waiting(browser).until(d -> soc(d, "KZ-WEB-001").contains("70"));
      assertEquals("70.0 %", soc(browser, "KZ-WEB-001"), "SoC at its resolution of 0.1 %");
      checkScreenshot(browser, "fleet", "#fleet tbody tr");

      // a new frame arrives: the row follows without a reload, its value still at its resolution (650 ‰)
      Object pageId = script(browser, "return window.__pageId || (window.__pageId = Math.random());");
      frame("KZ-WEB-001", 2, System.currentTimeMillis(), 650);
      waiting(browser).withMessage(() -> "SoC 65.0 % live: " + soc(browser, "KZ-WEB-001"))
          .until(d -> soc(d, "KZ-WEB-001").equals("65.0 %"));
      assertEquals(pageId, script(browser, "return window.__pageId;"), "the same page, not a reload");

      // open a locomotive: its live panel follows a new frame, its chart holds one point per frame
      waiting(browser).until(d -> {
        d.findElement(By.cssSelector("#fleet tr[data-loco='KZ-WEB-003'] a")).click();  // rows are redrawn live
        return true;
      });
      waiting(browser).until(d -> d.getCurrentUrl().endsWith("/locomotive?id=KZ-WEB-003")
          && text(d, "#live-panel").contains("62.9"));
      Object locoPageId = script(browser, "return window.__pageId = Math.random();");
      frame("KZ-WEB-003", HISTORY_FRAMES + 1, System.currentTimeMillis(), 612);
      waiting(browser).until(d -> text(d, "#live-panel").contains("61.2"));
      assertEquals(locoPageId, script(browser, "return window.__pageId;"), "the same page, not a reload");
      browser.findElement(By.cssSelector("button[data-range='3600']")).click();
      waiting(browser).until(d -> "3600".equals(script(d, "return document.body.dataset.rangeS;"))
          && !d.findElements(By.cssSelector("#charts .chart[data-chart='State of charge'] canvas")).isEmpty());
      WebElement socChart = browser.findElement(By.cssSelector("#charts .chart[data-chart='State of charge']"));
      // the history frames and the live one, each alone in its 6 s bucket of the 600-point hour
      assertEquals(String.valueOf(HISTORY_FRAMES + 1), socChart.getDomAttribute("data-filled"),
          "points with data in the 1 h SoC chart");
      int buckets = Integer.parseInt(socChart.getDomAttribute("data-points"));
      assertTrue(buckets > 500 && buckets <= 600, "an hour in at most 600 buckets of 6-7 s: " + buckets);
      // 12 five-minute periods in an hour (one more if the hour does not start on a period boundary)
      waiting(browser).withMessage(() -> "five-minute slots in an hour: "
          + browser.findElement(By.id("energy-periods")).getDomAttribute("data-points") + " "
          + text(browser, "#energy-periods")).until(d -> List.of("12", "13").contains(
              d.findElement(By.id("energy-periods")).getDomAttribute("data-points")));
      checkScreenshot(browser, "locomotive", "#charts .chart canvas");

      // a top-tier alarm: the banner on every page, acknowledged with a comment on the alarms page
      Alarm alarm = Alarm.newBuilder().setHeader(Frames.header("KZ-WEB-002", 1001, 2, System.currentTimeMillis()))
          .setCode("INSULATION_LOW").setTier(AlarmTier.ALARM_OPEN_CONTACTORS).setEvent(AlarmEvent.ALARM_RAISED)
          .setValueMilli(95_000).setLimitMilli(100_000).setUnit("kOhm").build();
      publisher.publish("locolink/v1/KZ-WEB-002/alarm", alarm.toByteArray(), 1, false);
      browser.get(web.base + "/");
      waiting(browser).until(d -> text(d, "#alarm-banner").contains("INSULATION_LOW"));
      browser.get(web.base + "/alarms");
      String alarmRow = "#alarms tr[data-code='INSULATION_LOW']";
      waiting(browser).until(d -> text(d, alarmRow).contains("KZ-WEB-002") && text(d, alarmRow).contains("95"));
      waiting(browser).until(d -> {  // the table is reloaded every 10 s: type and click on one drawing of it
        WebElement row = d.findElement(By.cssSelector(alarmRow));
        row.findElement(By.cssSelector("input.comment")).sendKeys("insulation monitor checked, wet cable duct");
        row.findElement(By.cssSelector("button.ack")).click();
        return true;
      });
      waiting(browser).until(d -> text(d, "#alarms tr[data-code='INSULATION_LOW'] td.acked").contains("erin"));
      assertTrue(text(browser, "#alarms tr[data-code='INSULATION_LOW'] td.acked").contains("wet cable duct"));
      waiting(browser).until(d -> !d.findElement(By.id("alarm-banner")).isDisplayed());
      checkScreenshot(browser, "alarms", "#alarms tbody tr");

      // trips: the collected trip's report and CSV are linked, the other trip says its log is not here
      String collected = "20261201T080000Z-0001";
      String notCollected = "20261201T120000Z-0002";
      Instant yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
      trip("KZ-WEB-001", collected, yesterday);
      trip("KZ-WEB-001", notCollected, yesterday.plusSeconds(4 * 3600));
      new CollectionStore(web.station.dataSource()).addTrip("KZ-WEB-001", new TripListing(collected,
          yesterday, yesterday.plusSeconds(3600), 1234, "00".repeat(32), false), Instant.now());
      browser.get(web.base + "/trips");
      waiting(browser).until(d -> d.findElements(By.cssSelector("#trip-loco option")).size() == LOCOS.size());
      new Select(browser.findElement(By.id("trip-loco"))).selectByValue("KZ-WEB-001");
      waiting(browser).withMessage(() -> "two trips: " + text(browser, "main"))
          .until(d -> d.findElements(By.cssSelector("#trips tbody tr")).size() == 2);
      WebElement report = browser.findElement(By.cssSelector("#trips tr[data-trip='" + collected + "'] a.trip-report"));
      assertTrue(report.getDomAttribute("href").equals("/api/v1/trips/" + collected + "/report"),
          report.getDomAttribute("href"));
      assertTrue(browser.findElement(By.cssSelector("#trips tr[data-trip='" + collected + "'] a.trip-csv"))
          .getDomAttribute("href").equals("/api/v1/trips/" + collected + "/csv"));
      assertTrue(text(browser, "#trips tr[data-trip='" + notCollected + "']").contains("log not collected"));
      // soc_start_pm 800 and soc_end_pm 650 at their resolution of 0.1 %
      assertTrue(text(browser, "#trips tr[data-trip='" + collected + "']").contains("80.0 → 65.0"),
          text(browser, "#trips tr[data-trip='" + collected + "']"));
    } finally {
      browser.quit();
    }

    WebDriver viewer = chromium(Files.createDirectories(dir.resolve("profile-viewer")));
    try {
      logIn(viewer, "vic", VIEWER_PASSWORD);
      viewer.get(web.base + "/alarms");
      waiting(viewer).until(d -> !d.findElements(By.cssSelector("#alarms tr[data-code='INSULATION_LOW']")).isEmpty());
      assertTrue(viewer.findElements(By.cssSelector("button.ack")).isEmpty(), "a viewer gets no Acknowledge button");
      Object status = ((JavascriptExecutor) viewer).executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          (async () => {
            const me = await (await fetch('/auth/me')).json();
            const r = await fetch('/api/v1/web/alarms/ack', {method: 'POST', headers: {'Content-Type': 'application/json',
              'X-CSRF-Token': me.csrfToken}, body: JSON.stringify({locomotive: 'KZ-WEB-002', bootId: 1001, sequence: 2,
              comment: 'a viewer tries'})});
            done(r.status);
          })().catch(e => done(String(e)));""");
      assertEquals(403L, status, "the server refuses a viewer's acknowledgement");
    } finally {
      viewer.quit();
    }
  }

  @Test
  @Timeout(300)  // the other browser's stream is read without a limit of its own
  void aPageWhoseStreamDroppedLoadsTheFleetAgainWhenItReconnects() throws Exception {
    WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile-reconnect")));
    try {
      logIn(browser, "erin", ENGINEER_PASSWORD);
      waiting(browser).until(d -> "live".equals(text(d, "#live-state")));
      // The browser offline (its open stream stays), then the station closes the stream as it
      // closes one that fell behind: the page cannot reconnect until it is online again.
      ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
      offline.setOffline(true);
      ((ChromeDriver) browser).setNetworkConditions(offline);
      web.dashboard.liveStream().closeAll();
      waiting(browser).withMessage(() -> "the page's stream broken off: " + text(browser, "#live-state"))
          .until(d -> text(d, "#live-state").startsWith("reconnecting"));
      HttpResponse<InputStream> other = stream(browser, web.base);
      try (BufferedReader watcher = new BufferedReader(new InputStreamReader(other.body(), StandardCharsets.UTF_8))) {
        // While the page is cut off: a new frame (SoC 64.3 %), and ten seconds later the locomotive
        // sent once more, stale; the stream still open elsewhere shows both went out meanwhile.
        frame("KZ-WEB-002", 2, System.currentTimeMillis(), 643);
        JsonNode sent = nextEntry(watcher, "KZ-WEB-002");
        // The stream may first send the locomotive's earlier state once more (its first frame, SoC 71.0 %,
        // is old enough to be sent again as stale before the new frame is stored): only that may come first.
        while (sent.get("values").get("soc").asText().equals("71.0")) {
          sent = nextEntry(watcher, "KZ-WEB-002");
        }
        assertEquals("64.3", sent.get("values").get("soc").asText());
        assertFalse(sent.get("stale").asBoolean(), sent.toString());
        JsonNode again = nextEntry(watcher, "KZ-WEB-002");
        assertTrue(again.get("stale").asBoolean(), again.toString());
      }
      ((ChromeDriver) browser).deleteNetworkConditions();
      String row = "#fleet tr[data-loco='KZ-WEB-002']";
      waiting(browser).withMessage(() -> "KZ-WEB-002 after reconnecting: " + text(browser, row))
          .until(d -> soc(d, "KZ-WEB-002").equals("64.3 %") && text(d, row).contains("stale"));
    } finally {
      browser.quit();
    }
  }

  /** The next entry of {@code loco} in the {@code fleet} events of a live stream. */
  static JsonNode nextEntry(BufferedReader stream, String loco) throws Exception {
    String event = "";
    for (String line = stream.readLine(); line != null; line = stream.readLine()) {
      if (line.startsWith("event: ")) {
        event = line.substring("event: ".length());
      } else if (line.startsWith("data: ") && event.equals("fleet")) {
        for (JsonNode e : new ObjectMapper().readTree(line.substring("data: ".length())).get("locomotives")) {
          if (e.get("locomotive").asText().equals(loco)) {
            return e;
          }
        }
      }
    }
    throw new AssertionError("the live stream ended");
  }

  /** The live stream as another page of {@code browser}'s session gets it, read as it comes. */
  static HttpResponse<InputStream> stream(WebDriver browser, String base) throws Exception {
    StringBuilder cookies = new StringBuilder();
    browser.manage().getCookies().forEach(c -> cookies.append(cookies.isEmpty() ? "" : "; ")
        .append(c.getName()).append('=').append(c.getValue()));
    HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(base + "/api/v1/live")).header("Cookie", cookies.toString())
        .header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    return r;
  }

  /** A trip summary as the station stores it from a gateway's trip message. */
  static void trip(String loco, String id, Instant start) throws Exception {
    try (Connection c = web.station.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO trip (locomotive_id, trip_id, start_time, end_time, distance_m, consumed_wh, regenerated_wh, "
            + "co2_avoided_g, diesel_ml, frames, soc_start_pm, soc_end_pm, min_cell_temp_dc, max_cell_temp_dc, "
            + "max_motor_temp_dc, alarms) SELECT id, ?, ?, ?, 12345, 67890, 1234, 0, 0, 3600, 800, 650, 150, 250, 400, 0 "
            + "FROM locomotive WHERE name = ?")) {
      s.setString(1, id);
      s.setTimestamp(2, java.sql.Timestamp.from(start));
      s.setTimestamp(3, java.sql.Timestamp.from(start.plusSeconds(3600)));
      s.setString(4, loco);
      assertEquals(1, s.executeUpdate(), "trip of a known locomotive");
    }
  }

  /** Takes a screenshot and checks it is a real page: its size, many colours, the header bar, the user and {@code css}. */
  static void checkScreenshot(WebDriver browser, String name, String css) throws Exception {
    assertTrue(browser.findElement(By.id("who")).isDisplayed(), name + ": the user is shown");
    assertTrue(!browser.findElements(By.cssSelector(css)).isEmpty(), name + ": " + css + " present");
    script(browser, "window.scrollTo(0, 0)");  // a click may have scrolled the page: the header is at the top
    waiting(browser).until(d -> Long.valueOf(0).equals(script(d, "return Math.round(window.scrollY)")));
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
    String keep = System.getProperty("locolink.screenshots");
    if (keep != null && !keep.isBlank()) {
      Files.write(Files.createDirectories(Path.of(keep)).resolve("dashboard-" + name + ".png"), png);
    }
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertTrue(image.getWidth() >= 800 && image.getHeight() >= 600, name + " size " + image.getWidth() + "x"
        + image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 20, name + " is not blank: " + colours.size() + " colours");
    // the navigation bar (#1b2733, app.css) is drawn across the top (its middle: a scroll bar may take the right edge)
    assertEquals(0x1b2733, image.getRGB(image.getWidth() / 2, 3) & 0xffffff, name + ": header bar");
  }
}
