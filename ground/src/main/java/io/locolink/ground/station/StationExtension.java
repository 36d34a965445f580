package io.locolink.ground.station;

import io.locolink.ground.api.RoutePlugin;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code locolink ground} adds to the station it runs (the dashboard), so this package need
 * not know it: HTTP plugins before the start, a step after it, a close after the station stopped.
 */
public interface StationExtension extends AutoCloseable {

  /** The HTTP plugins to install; called once, before the station starts. */
  List<RoutePlugin> plugins();

  /**
   * Called once the station runs, on the command's thread; may print where to find what it adds.
   *
   * @throws Exception to stop the command with that error
   */
  void started(GroundStation station, PrintWriter out) throws Exception;

  /** Called after the station stopped. */
  @Override
  void close();
}
