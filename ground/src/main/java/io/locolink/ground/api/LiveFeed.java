package io.locolink.ground.api;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells subscribers which locomotives changed after each committed batch (for a live view: re-read
 * those locomotives' state). Subscribers are called on the ingest's writer thread and must return
 * quickly; one that throws is logged and kept. Thread-safe.
 */
public final class LiveFeed {

  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final CopyOnWriteArrayList<Consumer<Set<String>>> subscribers = new CopyOnWriteArrayList<>();

  /**
   * Subscribes; close the returned handle to unsubscribe.
   *
   * @param onChange receives the ids of the locomotives whose stored state changed
   */
  public AutoCloseable subscribe(Consumer<Set<String>> onChange) {
    subscribers.add(onChange);
    return () -> subscribers.remove(onChange);
  }

  /** Tells every subscriber; called by the station after a committed batch. */
  public void publish(Set<String> locomotives) {
    if (locomotives.isEmpty()) {
      return;
    }
    for (Consumer<Set<String>> s : subscribers) {
      try {
        s.accept(locomotives);
      } catch (RuntimeException e) {
        LOG.warn("live feed subscriber failed: {}", e.toString());
      }
    }
  }

  /** Current number of subscribers. */
  public int subscribers() {
    return subscribers.size();
  }
}
