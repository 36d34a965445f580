package io.locolink.ground.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Runs before every request: sets the security headers, finds the session of the cookie, refuses
 * a request to the API or a page without one (401 JSON, or a redirect to the log-in page), and
 * refuses a state change (any method but GET, HEAD, OPTIONS) whose {@code X-CSRF-Token} header is
 * not the session's token or whose {@code Origin} is another site (403). Runs on Jetty's threads.
 */
final class AccessFilter {

  static final String SESSION_COOKIE = "locolink_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String SESSION_ATTRIBUTE = "locolink.session";

  private final SessionStore sessions;

  AccessFilter(SessionStore sessions) {
    this.sessions = sessions;
  }

  /** The session the filter found for this request; present on every request past the filter. */
  static WebSession session(Context ctx) {
    return ctx.attribute(SESSION_ATTRIBUTE);
  }

  void handle(Context ctx) throws SQLException {
    securityHeaders(ctx);
    String path = ctx.path();
    if (isPublic(path)) {
      if (isStateChange(ctx) && !sameOrigin(ctx)) {
        refuse(ctx, HttpStatus.FORBIDDEN, "cross-site request refused");
      }
      return;
    }
    Optional<WebSession> session = sessions.find(ctx.cookie(SESSION_COOKIE));
    if (session.isEmpty()) {
      if (path.startsWith("/api/")) {
        refuse(ctx, HttpStatus.UNAUTHORIZED, "log in first");
      } else {
        ctx.redirect("/login", HttpStatus.FOUND);
        ctx.skipRemainingHandlers();
      }
      return;
    }
    if (isStateChange(ctx)) {
      String token = ctx.header(CSRF_HEADER);
      if (token == null || !java.security.MessageDigest.isEqual(token.getBytes(), session.get().csrfToken().getBytes())
          || !sameOrigin(ctx)) {
        refuse(ctx, HttpStatus.FORBIDDEN, "missing or wrong CSRF token");
        return;
      }
    }
    ctx.attribute(SESSION_ATTRIBUTE, session.get());
  }

  /**
   * The log-in page and its assets, the chart library, the log-in call and the station's health
   * (for a monitoring probe: up/down and counters, no locomotive data) need no session.
   */
  static boolean isPublic(String path) {
    return path.equals("/login") || path.startsWith("/assets/") || path.startsWith("/webjars/")
        || path.equals("/auth/login") || path.equals("/favicon.ico") || path.equals("/api/v1/health");
  }

  static boolean isStateChange(Context ctx) {
    HandlerType m = ctx.method();
    return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
  }

  /** A browser names the page's origin on a state change; when it does, it must be this server. */
  private static boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) {
      return origin == null;
    }
    String host = ctx.header("Host");
    try {
      URI o = URI.create(origin);
      String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
      return host != null && (authority.equalsIgnoreCase(host) || o.getHost().equalsIgnoreCase(host));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static void refuse(Context ctx, HttpStatus status, String message) {
    ctx.status(status).json(Map.of("error", message));
    ctx.skipRemainingHandlers();
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }
}
