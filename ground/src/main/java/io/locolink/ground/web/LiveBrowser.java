package io.locolink.ground.web;

import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's end of the live stream: a bounded outbox of events not yet written to it, and a
 * virtual thread of its own that writes them in order, blocking as long as the browser's connection
 * takes. Whoever hands events over ({@link #offer}) never waits for the browser; when the outbox is
 * full, the browser has fallen behind and the caller {@link #abort}s it.
 */
final class LiveBrowser {

  private static final Logger LOG = LoggerFactory.getLogger(LiveBrowser.class);

  private final SseClient client;
  private final BlockingQueue<byte[]> outbox;
  private final Thread writer;
  private final Runnable onEnded;
  /** Set when the station stops: the writer ends without completing the response (the HTTP server ends it). */
  private volatile boolean stopped;
  private volatile boolean aborted;

  /**
   * @param client the browser's stream, already open
   * @param outboxEvents how many events may wait for the browser before {@link #offer} refuses one
   * @param onEnded run on the writer's thread when its browser's response ended (it went away, or was aborted)
   */
  LiveBrowser(SseClient client, int outboxEvents, Runnable onEnded) {
    this.client = client;
    this.outbox = new ArrayBlockingQueue<>(outboxEvents);
    this.onEnded = onEnded;
    this.writer = Thread.ofVirtual().name("dashboard-live-browser").unstarted(this::writeAll);
  }

  /** Starts the writer. */
  void start() {
    writer.start();
  }

  /**
   * Queues an event's bytes for the browser (the same array may be queued for many browsers: it is
   * only read). Never blocks.
   *
   * @return false when the outbox is full: the event is not queued
   */
  boolean offer(byte[] event) {
    return outbox.offer(event);
  }

  /**
   * Ends the browser's response at once, whatever it has not read: a write blocked on it fails, the
   * writer ends and runs {@code onEnded}. Never blocks.
   */
  void abort(String reason) {
    aborted = true;  // the writer's next write fails, or it sees this first
    try {
      ServletContextRequest.getServletContextRequest(client.ctx().req()).getServletChannel()
          .abort(new IOException(reason));
    } catch (RuntimeException e) {
      LOG.debug("live stream: aborting a browser's response: {}", e.toString());
    }
    writer.interrupt();  // a writer waiting on an empty outbox would wait for ever: no event comes any more
  }

  /** Stops the writer without touching the connection, for when the HTTP server has stopped. */
  void stop() {
    stopped = true;
    writer.interrupt();
  }

  private void writeAll() {
    try {
      while (!stopped && !aborted) {
        byte[] event = outbox.take();
        HttpServletResponse response = client.ctx().res();
        response.getOutputStream().write(event);
        response.flushBuffer();
      }
    } catch (InterruptedException e) {
      // stopped or aborted
    } catch (IOException | RuntimeException e) {
      LOG.debug("live stream of a browser ended: {}", e.toString());
    }
    // The client is not closed: the server ends a response whose write failed or that was aborted, and
    // recycles it, and closing the client then resumes Javalin's handling of the recycled request,
    // which fails over and over without end (a thread spinning, logging each round at WARN).
    if (!stopped) {
      onEnded.run();
    }
  }
}
