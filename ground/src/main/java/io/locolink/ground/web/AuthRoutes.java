package io.locolink.ground.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Log-in, log-out and "who am I": {@code POST /auth/login} with JSON {@code {user, password}} sets
 * the session cookie (HttpOnly, SameSite=Strict, Secure under HTTPS); {@code POST /auth/logout}
 * ends it; {@code GET /auth/me} gives the user, role and the session's CSRF token to the pages.
 */
final class AuthRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final UserStore users;
  private final SessionStore sessions;
  private final LoginThrottle throttle;
  private final boolean https;
  private final Audit audit;

  AuthRoutes(UserStore users, SessionStore sessions, LoginThrottle throttle, boolean https, Audit audit) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.https = https;
    this.audit = audit;
  }

  void install(JavalinConfig config) {
    config.routes.post("/auth/login", this::login);
    config.routes.post("/auth/logout", this::logout);
    config.routes.get("/auth/me", this::me);
  }

  private void login(Context ctx) throws SQLException {
    String name;
    char[] password;
    try {
      JsonNode body = JSON.readTree(ctx.body());
      name = body == null || !body.hasNonNull("user") ? "" : body.get("user").asText();
      password = body == null || !body.hasNonNull("password") ? new char[0] : body.get("password").asText().toCharArray();
    } catch (IOException e) {
      AccessFilter.refuse(ctx, HttpStatus.BAD_REQUEST, "expected JSON {\"user\": ..., \"password\": ...}");
      return;
    }
    String address = ctx.ip();
    Duration wait = throttle.waitBefore(name, address);
    if (!wait.isZero()) {
      ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
      AccessFilter.refuse(ctx, HttpStatus.TOO_MANY_REQUESTS,
          "too many wrong passwords; try again in " + Math.max(1, wait.toSeconds()) + " s");
      return;
    }
    Optional<WebUser> user = users.authenticate(name, password);
    Arrays.fill(password, '\0');
    if (user.isEmpty()) {
      throttle.failed(name, address);
      AccessFilter.refuse(ctx, HttpStatus.UNAUTHORIZED, "wrong user name or password");
      return;
    }
    throttle.succeeded(name);
    String token = sessions.create(user.get());
    ctx.header("Set-Cookie", AccessFilter.SESSION_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict"
        + (https ? "; Secure" : ""));
    audit.record(user.get().name(), "login", "from " + address);
    ctx.json(Map.of("user", user.get().name(), "role", user.get().role().dbName()));
  }

  private void logout(Context ctx) throws SQLException {
    WebSession session = AccessFilter.session(ctx);
    sessions.delete(ctx.cookie(AccessFilter.SESSION_COOKIE));
    ctx.header("Set-Cookie", AccessFilter.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        + (https ? "; Secure" : ""));
    audit.record(session.user().name(), "logout", "");
    ctx.json(Map.of("loggedOut", true));
  }

  private void me(Context ctx) {
    WebSession session = AccessFilter.session(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", session.user().name());
    body.put("role", session.user().role().dbName());
    body.put("csrfToken", session.csrfToken());
    ctx.json(body);
  }
}
