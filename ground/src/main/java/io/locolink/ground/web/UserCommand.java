package io.locolink.ground.web;

import io.locolink.gateway.config.ConfigException;
import io.locolink.ground.station.StationConfig;
import io.locolink.ground.store.StationDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code locolink ground user add NAME --role ROLE --password-file FILE}: adds a dashboard user to
 * the station's database (there is no default user and no default password; the first admin comes
 * from here or from the station's {@code web.adminPasswordFile}). {@code user list} lists them.
 * With the embedded database, run it while the station is stopped.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Dashboard users: add one, or list them.",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class})
public final class UserCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static StationDatabase open(Path config) throws IOException {
    StationConfig cfg = config == null ? StationConfig.defaults() : StationConfig.load(config);
    return cfg.database() == null ? StationDatabase.embedded(cfg.stateDir().resolve("db"))
        : StationDatabase.server(cfg.database().url(), cfg.database().user(), cfg.database().passwordFile());
  }

  /** {@code user add}. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a dashboard user (or, with --replace,"
      + " set an existing user's role and password).")
  static final class Add implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Log-in name: 1-64 of A-Z a-z 0-9 . _ @ -")
    private String name;

    @Option(names = "--role", required = true, description = "viewer, engineer (may acknowledge alarms) or admin.")
    private String role;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
        description = "File whose first line is the password (at least 12 characters).")
    private Path passwordFile;

    @Option(names = "--replace", description = "Set the role and password of an existing user.")
    private boolean replace;

    @Option(names = "--config", paramLabel = "FILE", description = "The station's configuration (its database).")
    private Path config;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      char[] password = null;
      try {
        Role r = Role.of(role);
        password = readPassword(passwordFile);  // before the database is opened (or started), which takes seconds
        try (StationDatabase db = open(config)) {
          WebUser user = new UserStore(db.dataSource()).add(name, r, password, replace);
          spec.commandLine().getOut().println("user " + user.name() + " (" + user.role().dbName() + ") saved");
          return 0;
        }
      } catch (IllegalArgumentException | ConfigException | IOException e) {
        err.println("user add: " + e.getMessage());
        return 2;
      } catch (SQLException | RuntimeException e) {  // RuntimeException: the connection pool could not connect
        err.println("user add: the database refused: " + e.getMessage());
        return 1;
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }
  }

  /** {@code user list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the dashboard users and their roles.")
  static final class ListUsers implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The station's configuration (its database).")
    private Path config;

    @Override
    public Integer call() {
      try (StationDatabase db = open(config)) {
        for (WebUser u : new UserStore(db.dataSource()).list()) {
          spec.commandLine().getOut().println(u.name() + "\t" + u.role().dbName());
        }
        return 0;
      } catch (ConfigException | IOException | SQLException e) {
        spec.commandLine().getErr().println("user list: " + e.getMessage());
        return 2;
      }
    }
  }

  /**
   * The first line of a password file.
   *
   * @throws IOException if it cannot be read or is empty
   */
  static char[] readPassword(Path file) throws IOException {
    String first;
    try {
      first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException("the password file " + file + " does not exist", e);
    }
    if (first.isEmpty()) {
      throw new IOException("the password file " + file + " is empty");
    }
    return first.toCharArray();
  }
}
