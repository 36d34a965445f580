package io.locolink.ground.web;

import static io.locolink.ground.web.DashboardBrowserTest.chromium;
import static io.locolink.ground.web.DashboardBrowserTest.console;
import static io.locolink.ground.web.DashboardBrowserTest.logIn;
import static io.locolink.ground.web.DashboardBrowserTest.nextEntry;
import static io.locolink.ground.web.DashboardBrowserTest.soc;
import static io.locolink.ground.web.DashboardBrowserTest.stream;
import static io.locolink.ground.web.DashboardBrowserTest.text;
import static io.locolink.ground.web.DashboardBrowserTest.waiting;
import static io.locolink.ground.web.DashboardStation.ENGINEER;
import static io.locolink.ground.web.DashboardStation.ENGINEER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.locolink.ground.api.RoutePlugin;
import io.locolink.ground.testing.Frames;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.slf4j.LoggerFactory;

/**
 * The fleet page and a locomotive's page in a real headless Chromium against a real station
 * (Mosquitto, embedded PostgreSQL): a change the station sends while the page is opening its live
 * stream is not lost. The page's stream request is held at the station until the change has gone
 * out to another page; once let through, the page shows the change without waiting for the
 * locomotive's next one.
 */
class FleetPageStreamBrowserTest {

  private static final String LOCO = "KZ-OPEN-1";
  /** The locomotive whose own page is opened. */
  private static final String PAGE_LOCO = "KZ-OPEN-2";

  @TempDir
  static Path dir;

  static DashboardStation web;
  static MqttClient publisher;
  static final StreamGate gate = new StreamGate();

  @BeforeAll
  static void start() throws Exception {
    web = DashboardStation.start(dir, Dashboard.Settings.loopback("127.0.0.1", 0), 0, UnaryOperator.identity(),
        List.of(gate)).withStaff();
    publisher = new MqttClient(web.broker.url(), "stream-first-publisher", new MemoryPersistence());
    publisher.connect();
    long now = System.currentTimeMillis();
    for (String loco : List.of(LOCO, PAGE_LOCO)) {
      publisher.publish("locolink/v1/" + loco + "/status", Frames.status(loco, 31, now, true).toByteArray(), 1, true);
      frame(loco, 1, now - 1000, 700);
    }
  }

  private static void frame(String loco, long seq, long timeMs, int socPm) throws Exception {
    publisher.publish("locolink/v1/" + loco + "/telemetry", Frames.telemetry(loco, 31, seq, timeMs,
        new int[] {71_190, 71_180}, new int[] {1_078, 1_080}, socPm).toByteArray(), 1, false);
  }

  @AfterAll
  static void stop() throws Exception {
    gate.open();
    if (publisher != null) {
      publisher.disconnect();
      publisher.close();
    }
    if (web != null) {
      web.close();
    }
  }

  @Test
  @Timeout(300)  // the other page's stream is read without a limit of its own
  void aChangeSentWhileThePageOpensItsStreamIsShown() throws Exception {
    WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile")));
    try {
      logIn(browser, web.base, ENGINEER, ENGINEER_PASSWORD);
      String row = "#fleet tr[data-loco='" + LOCO + "']";
      waiting(browser).until(d -> soc(d, LOCO).equals("70.0 %"));
      changeWhileThePageOpensItsStream(browser, "/", LOCO, "66.6");
      waiting(browser).withMessage(() -> "the page live with its row: " + text(browser, "#live-state") + " "
          + text(browser, row) + "\nconsole: " + console(browser))
          .until(d -> "live".equals(text(d, "#live-state")) && !d.findElements(By.cssSelector(row)).isEmpty());
      assertEquals("66.6 %", soc(browser, LOCO), "the change sent while the page opened its stream");
    } finally {
      gate.open();
      browser.quit();
    }
  }

  @Test
  @Timeout(300)
  void aChangeSentWhileALocomotivesPageOpensItsStreamIsShown() throws Exception {
    WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile-locomotive")));
    try {
      logIn(browser, web.base, ENGINEER, ENGINEER_PASSWORD);
      changeWhileThePageOpensItsStream(browser, "/locomotive?id=" + PAGE_LOCO, PAGE_LOCO, "65.5");
      waiting(browser).withMessage(() -> "the live panel: " + text(browser, "#live-panel") + "\nconsole: "
          + console(browser)).until(d -> text(d, "#live-panel").matches("(?s).*\\d % estimate.*"));
      assertTrue(text(browser, "#live-panel").contains("65.5 % estimate"), "the change sent while the page opened "
          + "its stream: " + text(browser, "#live-panel"));
    } finally {
      gate.open();
      browser.quit();
    }
  }

  @Test
  @Timeout(300)
  void aPageThatLeavesIsDroppedAndLeavesTheServerQuiet() throws Exception {
    Logger javalin = (Logger) LoggerFactory.getLogger("io.javalin");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    javalin.addAppender(log);
    WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile-leaving")));
    try {
      logIn(browser, web.base, ENGINEER, ENGINEER_PASSWORD);
      waiting(browser).until(d -> "live".equals(text(d, "#live-state")));
      LiveStream live = web.dashboard.liveStream();
      int before = live.clients();
      browser.get(web.base + "/");  // the page again: the first one's stream is left
      waiting(browser).until(d -> "live".equals(text(d, "#live-state")));
      int pushes = 0;
      do {  // until a write to the left stream fails; the new page, listed once it got a push, stays
        assertTrue(pushes++ < 100, "the left page is still listed after " + pushes + " pushes");
        long seen = liveUpdates(browser);
        web.station.services().live().publish(java.util.Set.of(LOCO));
        waiting(browser).until(d -> liveUpdates(d) > seen);
      } while (live.clients() > before);
      long seen = liveUpdates(browser);  // a push later, whatever the left page's end set going is at it
      web.station.services().live().publish(java.util.Set.of(LOCO));
      waiting(browser).until(d -> liveUpdates(d) > seen);
      // Closing the left page's response after the server had ended and recycled it set Javalin's error
      // handling going round on it without end, a thread spinning and logging at WARN each round.
      synchronized (log) {
        assertEquals(List.of(), log.list.stream().map(ILoggingEvent::getFormattedMessage).limit(3).toList());
      }
    } finally {
      javalin.detachAppender(log);
      browser.quit();
    }
  }

  private static long liveUpdates(WebDriver browser) {
    return ((Number) DashboardBrowserTest.script(browser,
        "return Number(document.body.dataset.liveUpdates || 0)")).longValue();
  }

  /**
   * Opens {@code path} in {@code browser} with its stream held at the station, sends a frame of
   * {@code loco} with SoC {@code soc} and lets the stream through once the change went out to another
   * page of the session: the page was not listening when it was sent.
   */
  private static void changeWhileThePageOpensItsStream(WebDriver browser, String path, String loco, String soc)
      throws Exception {
    try (BufferedReader other = new BufferedReader(new InputStreamReader(stream(browser, web.base).body(),
        StandardCharsets.UTF_8))) {
      gate.holdNext();
      browser.get(web.base + path);
      assertTrue(gate.awaitHeld(), "the page asked for its stream");
      frame(loco, 2, System.currentTimeMillis(), new java.math.BigDecimal(soc).movePointRight(1).intValueExact());
      JsonNode sent = nextEntry(other, loco);
      while (!sent.get("values").get("soc").asText().equals(soc)) {  // a quiet resend of the first frame may come first
        sent = nextEntry(other, loco);
      }
      gate.open();
    }
  }

  /** Holds the next request for the live stream before it reaches the stream, until {@link #open()}. */
  static final class StreamGate implements RoutePlugin {

    private final AtomicReference<CountDownLatch> held = new AtomicReference<>();
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    public void install(io.javalin.config.JavalinConfig config, io.locolink.ground.api.StationServices services) {
      config.routes.before("/api/v1/live", ctx -> {
        CountDownLatch wait = held.getAndSet(null);
        if (wait != null) {
          reached.countDown();
          wait.await(5, TimeUnit.MINUTES);
        }
      });
    }

    /** The next request for the stream waits at the station. */
    void holdNext() {
      reached = new CountDownLatch(1);
      release = new CountDownLatch(1);
      held.set(release);
    }

    /** True once the held request arrived (within a minute). */
    boolean awaitHeld() throws InterruptedException {
      return reached.await(1, TimeUnit.MINUTES);
    }

    /** Lets the held request (if any) through; the later ones pass. */
    void open() {
      held.set(null);
      release.countDown();
    }
  }
}
