package io.locolink.ground.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.locolink.ground.api.RoutePlugin;
import io.locolink.ground.api.StationServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The fleet dashboard as a plugin of the station's HTTP server: pages and assets from this jar,
 * the chart library from its webjar, log-in and sessions, the access filter in front of every
 * request (the station's read API included), alarm acknowledgement and the live stream. With a
 * certificate the server speaks only HTTPS; without one it refuses to listen anywhere but loopback.
 * The live stream's thread stops when the HTTP server starts to stop; closing the dashboard (after the
 * station) stops it too, for a server that never started.
 */
public final class Dashboard implements RoutePlugin, AutoCloseable {

  /**
   * Where the station's HTTP server listens and with what identity.
   *
   * @param host the address the station listens on
   * @param port its port (0: a free one)
   * @param certFile PEM certificate chain for HTTPS, or null for plain HTTP (loopback only)
   * @param keyFile PEM PKCS#8 key of the certificate, or null
   */
  public record Settings(String host, int port, Path certFile, Path keyFile) {

    public Settings {
      Objects.requireNonNull(host, "host");
      if ((certFile == null) != (keyFile == null)) {
        throw new IllegalArgumentException("an HTTPS certificate and its key go together: give both or neither");
      }
      if (certFile == null && !loopback(host)) {
        throw new IllegalArgumentException("plain HTTP is served only on loopback; to listen on " + host
            + " give a certificate and key for HTTPS");
      }
    }

    /** Plain HTTP on a loopback address. */
    public static Settings loopback(String host, int port) {
      return new Settings(host, port, null, null);
    }

    public boolean https() {
      return certFile != null;
    }

    private static boolean loopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }

  private static final String PAGES = "/io/locolink/ground/web/pages/";

  private final Settings settings;
  private final InstantSource clock;
  private volatile LiveStream live;

  public Dashboard(Settings settings, InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void install(JavalinConfig config, StationServices services) {
    SessionStore sessions = new SessionStore(services.dataSource(), clock);
    UserStore users = new UserStore(services.dataSource());
    Audit audit = new Audit(services.dataSource());
    AccessFilter filter = new AccessFilter(sessions);
    config.routes.before(filter::handle);
    new AuthRoutes(users, sessions, new LoginThrottle(clock), settings.https(), audit).install(config);
    new AlarmRoutes(new AlarmLog(services.dataSource())).install(config);
    config.routes.get("/api/v1/web/locomotives/{locomotive}/route", new RouteTrace(services.dataSource())::handle);
    live = new LiveStream(services);
    config.routes.sse("/api/v1/live", live::accept);
    // The station stops its HTTP server before its database: a push after that would find it closed.
    config.events.serverStopping(live::close);
    config.staticFiles.add(files -> {
      files.hostedPath = "/assets";
      files.directory = "/io/locolink/ground/web/assets";
      files.location = Location.CLASSPATH;
      files.headers = Map.of("Cache-Control", "no-cache");
    });
    config.staticFiles.enableWebjars();
    byte[] icon = resource("/io/locolink/ground/web/favicon.ico");
    config.routes.get("/favicon.ico", ctx -> ctx.contentType("image/x-icon").header("Cache-Control", "max-age=86400")
        .result(icon));
    for (String page : new String[] {"login", "fleet", "locomotive", "alarms", "trips"}) {
      String path = page.equals("fleet") ? "/" : "/" + page;
      config.routes.get(path, ctx -> page(ctx, page));
    }
    if (settings.https()) {
      config.jetty.addConnector((server, http) -> httpsConnector(server, http));
    }
  }

  private ServerConnector httpsConnector(org.eclipse.jetty.server.Server server, HttpConfiguration http) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStore(HttpsKeys.load(settings.certFile(), settings.keyFile()));
    tls.setKeyStorePassword(new String(HttpsKeys.STORE_PASSWORD));
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration secure = new HttpConfiguration(http);
    secure.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
        new HttpConnectionFactory(secure));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    return connector;
  }

  private static byte[] resource(String path) {
    try (InputStream in = Dashboard.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " from the jar", e);
    }
  }

  private static void page(Context ctx, String name) {
    ctx.contentType("text/html; charset=utf-8").result(resource(PAGES + name + ".html"));
  }

  /**
   * Creates the admin {@code name} from the first line of {@code passwordFile} when the station has
   * no admin yet (the first start); does nothing once one exists.
   *
   * @return true if it created the admin
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the password is too short or too long
   */
  public static boolean firstAdmin(DataSource dataSource, String name, Path passwordFile)
      throws IOException, SQLException {
    UserStore users = new UserStore(dataSource);
    if (users.admins() > 0) {
      return false;
    }
    char[] password = UserCommand.readPassword(passwordFile);
    try {
      users.add(name, Role.ADMIN, password, true);
      return true;
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  /** The dashboard's address on a station listening at {@code host:port}. */
  public String url(int port) {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return (settings.https() ? "https://" : "http://") + host + ":" + port + "/";
  }

  /** The live stream, once {@link #install} made it; null before. */
  LiveStream liveStream() {
    return live;
  }

  @Override
  public void close() {
    LiveStream l = live;
    if (l != null) {
      l.close();
    }
  }
}
