package io.locolink.ground.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's HTTP server: the read API, then every given {@link RoutePlugin}, on one Javalin
 * (Jetty 12) server. Errors under {@code /api} are JSON: 400 with the message for a bad parameter,
 * 404 for an unknown path, 503 when the database cannot answer, 500 (logged) for anything else.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;

  private ApiServer(Javalin app) {
    this.app = app;
  }

  /**
   * Builds and starts the server; blocks until it listens.
   *
   * @param port 0 for a free port (see {@link #port()})
   * @param plugins installed after the read API, in order
   */
  public static ApiServer start(String host, int port, StationServices services, List<RoutePlugin> plugins) {
    List<RoutePlugin> all = new ArrayList<>();
    all.add(new ReadApi());
    all.addAll(plugins);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
      config.http.defaultContentType = "application/json";
      config.routes.exception(BadRequest.class, (e, ctx) ->
          ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
      config.routes.exception(SQLException.class, (e, ctx) -> {
        LOG.warn("database error serving {}: {}", ctx.path(), e.getMessage());
        ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "the database cannot answer: " + e.getMessage()));
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("error serving {}", ctx.path(), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error: " + e));
      });
      config.routes.exception(NotFound.class, (e, ctx) ->
          ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", e.getMessage())));
      config.routes.error(404, ctx -> {
        String body = ctx.result();
        if (ctx.path().startsWith("/api/") && (body == null || !body.startsWith("{\"error\""))) {
          ctx.json(Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path()));
        }
      });
      for (RoutePlugin p : all) {
        p.install(config, services);
      }
    });
    app.start(host, port);
    return new ApiServer(app);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Stops the server; blocks until it stopped. */
  @Override
  public void close() {
    app.stop();
  }
}
