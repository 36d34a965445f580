package io.locolink.ground.web;

import static io.locolink.ground.web.DashboardStation.ENGINEER;
import static io.locolink.ground.web.DashboardStation.ENGINEER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.locolink.ground.testing.Await;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A normal stop of a station with a page on its live stream logs nothing that looks like an error:
 * the stream stops pushing when the HTTP server stops, before the station closes its database, so a
 * change announced at the stop (the ingest's last latest rows) is never read from a closed pool.
 */
class LiveStreamStopTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void aStationStoppingWithAPageOnItsLiveStreamLogsNoWarning() throws Exception {
    DashboardStation web = DashboardStation.start(dir).withStaff();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    boolean stopped = false;
    try {
      DashboardAccessTest.Browser page = new DashboardAccessTest.Browser(web.base);
      assertEquals(200, page.login(ENGINEER, ENGINEER_PASSWORD).statusCode());
      HttpResponse<InputStream> stream = page.stream("/api/v1/live");
      assertEquals(200, stream.statusCode());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        assertEquals(": connected", in.readLine());
        LiveStream live = web.dashboard.liveStream();
        Await.until("the page on the stream", WAIT, () -> live.clients() == 1);

        stopped = true;
        web.station.close();
        web.station.services().live().publish(Set.of("KZ-STOP-1"));  // as the ingest's last flush does
        // A stream still pushing reads the change from the closed pool within a second and logs it.
        Await.until("the stream stopped, or its push logged", WAIT, () -> !live.pushing() || !warnings(log).isEmpty());
        assertEquals(List.of(), warnings(log), "a normal stop logs nothing of the station's at WARN or above");
      }
    } finally {
      root.detachAppender(log);
      if (stopped) {
        web.dashboard.close();
        web.broker.close();
      } else {
        web.close();
      }
    }
  }

  /**
   * The station's own warnings and errors (the libraries' loggers are shared with the other stations
   * this JVM ran, whose threads may still log).
   */
  private static List<String> warnings(ListAppender<ILoggingEvent> log) {
    synchronized (log) {  // the appender appends under its own lock
      return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
              && e.getLoggerName().startsWith("io.locolink."))
          .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    }
  }
}
