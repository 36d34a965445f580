package io.locolink.ground.bench;

import io.locolink.ground.station.GroundStation;
import io.locolink.ground.station.StationConfig;
import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.Incoming;
import io.locolink.ground.store.LocomotiveIds;
import io.locolink.ground.store.Partitions;
import io.locolink.ground.store.SecondRow;
import io.locolink.ground.store.Stream;
import io.locolink.ground.web.Dashboard;
import io.locolink.ground.web.Role;
import io.locolink.ground.web.UserStore;
import io.locolink.testing.MosquittoBroker;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's browser benchmark (not part of the test run): a main class on the ground
 * module's test class path. A real station (embedded PostgreSQL, private Mosquitto) holding a
 * fleet of locomotives with one latest second each and one locomotive with 24 h of history (a row
 * every 10 s: the 24 h chart reads the per-minute rollups, which are the same with a row a second);
 * Debian's headless Chromium through Selenium. In one run:
 *
 * <ol>
 *   <li>fleet page, fleet of N: first contentful paint and the time the first rows are drawn, both
 *       from the start of navigation (includes log-in check, the fleet API and drawing);</li>
 *   <li>live updates: every second a new row for every locomotive is stored and announced, the
 *       page receives one Server-Sent Event a second with the changed entries; main-thread time per
 *       update as the page measures it (parse, apply, draw the visible page) and as Chromium counts
 *       it (all tasks, layout and paint included, per second);</li>
 *   <li>24 h chart: from the click on "24 h" to every chart drawn (fetch and draw).</li>
 * </ol>
 *
 * <p>Arguments: {@code [locomotives] [runs] [screenshot dir]} (default 4,000 and 5; screenshots of
 * the fleet and locomotive pages are written when a directory is given).
 */
public final class DashboardBrowserBenchmark {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String LOCO = "KZ-0001";

  private DashboardBrowserBenchmark() {}

  public static void main(String[] args) throws Exception {
    int fleet = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path shots = args.length > 2 ? Path.of(args[2]) : null;
    System.out.printf("# DashboardBrowserBenchmark %s, %d cores, load average %s, %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip(),
        chromiumVersion());
    Path dir = Files.createTempDirectory("dashboard-bench");
    Dashboard dashboard = new Dashboard(Dashboard.Settings.loopback("127.0.0.1", 0), InstantSource.system());
    try (MosquittoBroker broker = MosquittoBroker.startPlain();
        GroundStation station = GroundStation.start(StationConfig.embedded(dir.resolve("station"), broker.url(), 0),
            List.of(dashboard))) {
      new UserStore(station.dataSource()).add("bench", Role.ADMIN, "bench password 1".toCharArray(), false);
      BatchWriter writer = new BatchWriter(station.dataSource(), new LocomotiveIds(), new Partitions());
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= fleet; i++) {
        ids.add(String.format("KZ-%04d", i));
      }
      long now = System.currentTimeMillis() / 1000 * 1000;
      long[] seq = new long[fleet];
      seq[0] = history(writer, now);  // the fleet rows of the same locomotive go on from its history's sequence
      writeFleet(writer, ids, seq, now - 1000);
      String base = "http://127.0.0.1:" + station.httpPort();
      WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile")));
      try {
        logIn(browser, base);
        firstPaint(browser, base, fleet, runs);
        if (shots != null) {
          screenshot(browser, shots.resolve("dashboard-fleet.png"));
        }
        live(browser, station, writer, ids, seq);
        chart(browser, base, runs);
        if (shots != null) {
          screenshot(browser, shots.resolve("dashboard-locomotive.png"));
        }
      } finally {
        browser.quit();
      }
    } finally {
      dashboard.close();
    }
  }

  // ---- data ----

  private static SecondRow row(long t, int loco, long s) {
    double phase = (s % 5400) / 5400.0 * 2 * Math.PI;
    int current = (int) (1800 * Math.sin(phase + loco));                       // 0.1 A: +/- 180 A
    int packCv = 71_000 - current / 4;                                         // 10 mV: about 710 V
    int soc = 800 - (int) ((s / 60) % 600) + loco % 100;                       // per mille
    int speed = (int) Math.max(0, 2500 * Math.sin(phase * 3 + loco));         // 0.01 km/h
    return new SecondRow(t, 1000L + s * 3, packCv, current, current - 40, current + 40,
        (int) ((long) packCv * current / 100_000), (int) ((long) packCv * current / 110_000),
        s % 7200 < 1800 ? 1800 : 0, s % 7200 < 1800 ? 1200 : 0, speed,
        512_345_678 + (int) (20_000 * Math.sin(phase)), 712_345_678 + (int) (30_000 * Math.cos(phase)), 900, 0,
        soc, 20, 980, soc + 5, 3280 - current / 100, 17, 3310 - current / 120, 101, 250, 270 + current / 200, 55,
        600 + current / 100, 650, 400, 0);
  }

  /** 24 h of {@value #LOCO}, a row every 10 s; returns the last sequence number used. */
  private static long history(BatchWriter writer, long now) throws Exception {
    List<Incoming> batch = new ArrayList<>();
    long seq = 0;
    for (long t = now - 86_400_000L; t < now - 2000; t += 10_000) {
      batch.add(incoming(LOCO, ++seq, t, row(t, 1, t / 1000)));
      if (batch.size() == 2000) {
        writer.write(batch, List.of());
        batch.clear();
      }
    }
    writer.write(batch, List.of());
    return seq;
  }

  private static void writeFleet(BatchWriter writer, List<String> ids, long[] seq, long t) throws Exception {
    List<Incoming> batch = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      batch.add(incoming(ids.get(i), ++seq[i], t, row(t, i, t / 1000)));
      if (batch.size() == 2000) {
        writer.write(batch, List.of());
        batch.clear();
      }
    }
    writer.write(batch, List.of());
  }

  private static Incoming incoming(String loco, long seq, long t, SecondRow row) {
    return new Incoming(loco, Stream.TELEMETRY, 1, seq, t, t, false, false, new byte[] {0},
        new Incoming.Telemetry(List.of(row)));
  }

  // ---- browser ----

  private static String chromiumVersion() {
    try {
      Process p = new ProcessBuilder("/usr/bin/chromium", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      return out.substring(out.lastIndexOf('\n') + 1);  // Debian's wrapper script may print a line first
    } catch (java.io.IOException e) {
      return "chromium: " + e.getMessage();
    }
  }

  private static WebDriver chromium(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(120)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    return driver;
  }

  private static WebDriverWait waiting(WebDriver browser) {
    return new WebDriverWait(browser, WAIT, Duration.ofMillis(20));
  }

  private static Object js(WebDriver browser, String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private static void logIn(WebDriver browser, String base) {
    browser.get(base + "/login");
    waiting(browser).until(d -> !d.findElements(By.cssSelector("body[data-ready] #user")).isEmpty());
    browser.findElement(By.id("user")).sendKeys("bench");
    browser.findElement(By.id("password")).sendKeys("bench password 1");
    browser.findElement(By.id("login-button")).click();
    waiting(browser).until(d -> !d.findElements(By.cssSelector("#fleet tbody tr")).isEmpty());
  }

  private static void firstPaint(WebDriver browser, String base, int fleet, int runs) {
    double[] fcp = new double[runs];
    double[] rows = new double[runs];
    for (int i = 0; i < runs; i++) {
      browser.get(base + "/");
      waiting(browser).until(d -> js(d, "return performance.getEntriesByName('fleet-rows').length") instanceof Long n
          && n > 0);
      String count = browser.findElement(By.id("fleet-count")).getText();
      if (!count.contains("of " + fleet + " locomotives")) {
        throw new IllegalStateException("the page shows " + count + ", expected " + fleet);
      }
      waiting(browser).until(d -> js(d,
          "return performance.getEntriesByName('first-contentful-paint').length") instanceof Long n && n > 0);
      fcp[i] = number(js(browser, "return performance.getEntriesByName('first-contentful-paint')[0].startTime"));
      rows[i] = number(js(browser, "return performance.getEntriesByName('fleet-rows')[0].startTime"));
    }
    System.out.printf("%n| fleet page, %,d locomotives (%d loads) | median | slowest |%n|---|---|---|%n", fleet, runs);
    System.out.printf("| first contentful paint | %.0f ms | %.0f ms |%n", median(fcp), max(fcp));
    System.out.printf("| first 100 rows drawn (navigation start to rows in the table) | %.0f ms | %.0f ms |%n",
        median(rows), max(rows));
  }

  @SuppressWarnings("unchecked")
  private static void live(WebDriver browser, GroundStation station, BatchWriter writer, List<String> ids, long[] seq)
      throws Exception {
    ChromeDriver chrome = (ChromeDriver) browser;
    chrome.executeCdpCommand("Performance.enable", Map.of());
    js(browser, "window.locolinkFleetStats.liveCost.length = 0");
    AtomicBoolean stop = new AtomicBoolean();
    Set<String> all = new LinkedHashSet<>(ids);
    long[] writes = new long[1];
    Thread feeder = Thread.ofPlatform().name("bench-feeder").start(() -> {
      try {
        while (!stop.get()) {
          long t = System.currentTimeMillis() / 1000 * 1000;
          writeFleet(writer, ids, seq, t);
          station.services().live().publish(all);
          writes[0]++;
          long sleep = t + 1000 - System.currentTimeMillis();
          if (sleep > 0) {
            Thread.sleep(sleep);
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(3000);  // the stream settles
    js(browser, "window.locolinkFleetStats.liveCost.length = 0");
    double taskBefore = taskDuration(chrome);
    long updatesBefore = (Long) js(browser, "return Number(document.body.dataset.liveUpdates || 0)");
    long start = System.nanoTime();
    Thread.sleep(20_000);
    double taskAfter = taskDuration(chrome);
    long updatesAfter = (Long) js(browser, "return Number(document.body.dataset.liveUpdates || 0)");
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    feeder.join();
    List<Object> costs = (List<Object>) js(browser, "return window.locolinkFleetStats.liveCost");
    double[] ms = costs.stream().mapToDouble(DashboardBrowserBenchmark::number).toArray();
    long updates = updatesAfter - updatesBefore;
    System.out.printf("%n| live updates, %,d locomotives changed per update, %.0f s | value |%n|---|---|%n", ids.size(),
        seconds);
    System.out.printf("| updates received | %d (%.2f a second; the store wrote the fleet %d times) |%n", updates,
        updates / seconds, writes[0]);
    System.out.printf("| page's main-thread time per update (parse, apply, draw), median | %.1f ms |%n", median(ms));
    System.out.printf("| the same, slowest | %.1f ms |%n", max(ms));
    System.out.printf("| Chromium's task time (all main-thread work incl. layout, paint) per update | %.1f ms |%n",
        updates == 0 ? Double.NaN : (taskAfter - taskBefore) * 1000 / updates);
  }

  @SuppressWarnings("unchecked")
  private static double taskDuration(ChromeDriver chrome) {
    Map<String, Object> m = chrome.executeCdpCommand("Performance.getMetrics", Map.of());
    for (Map<String, Object> metric : (List<Map<String, Object>>) m.get("metrics")) {
      if ("TaskDuration".equals(metric.get("name"))) {
        return number(metric.get("value"));
      }
    }
    throw new IllegalStateException("no TaskDuration in " + m);
  }

  private static void chart(WebDriver browser, String base, int runs) {
    browser.get(base + "/locomotive?id=" + LOCO);
    waiting(browser).until(d -> "900".equals(js(d, "return document.body.dataset.rangeS")));
    double[] ms = new double[runs];
    int points = 0;
    for (int i = 0; i < runs; i++) {
      js(browser, "delete document.body.dataset.rangeS; delete document.body.dataset.chartMs");
      long clicked = System.nanoTime();
      browser.findElement(By.cssSelector("button[data-range='86400']")).click();
      waiting(browser).until(d -> "86400".equals(js(d, "return document.body.dataset.rangeS")));
      double outside = (System.nanoTime() - clicked) / 1e6;
      ms[i] = number(js(browser, "return document.body.dataset.chartMs"));
      points = Integer.parseInt(browser.findElement(By.cssSelector("#charts .chart")).getDomAttribute("data-points"));
      if (i == 0) {
        System.out.printf("%n(first 24 h draw seen from the harness, WebDriver round trips included: %.0f ms)%n", outside);
      }
    }
    int charts = browser.findElements(By.cssSelector("#charts .chart canvas")).size();
    System.out.printf("%n| 24 h chart of one locomotive (%d runs) | median | slowest |%n|---|---|---|%n", runs);
    System.out.printf("| click on \"24 h\" to %d charts of %d points drawn (fetch + draw) | %.0f ms | %.0f ms |%n",
        charts, points, median(ms), max(ms));
  }

  private static void screenshot(WebDriver browser, Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    System.out.println("(screenshot " + file + ")");
  }

  // ---- figures ----

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o));
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
