package io.locolink.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.architecture.SourceScan.Result;
import io.locolink.architecture.SourceScan.Use;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package map of DESIGN.md as a test: which LocoLink packages each package may use (the
 * arrows), which libraries only adapter packages may import, and the arrows that must never exist.
 * Reads the main sources of the gateway, ground and simulator modules (imports and qualified names
 * in code), counts what it read so it cannot pass on nothing, and proves on a fixture that it
 * catches a forbidden use. The one dependency test of the project.
 */
class DependencyRulesTest {

  /** The modules whose main sources are held to the rules, relative to the repository root. */
  static final List<String> MODULES = List.of("gateway", "ground", "simulator");
  private static final String ROOT = "io.locolink.";

  /** A package (and its sub-packages) may use these LocoLink packages besides itself. */
  record Arrow(String from, List<String> mayUse) {}

  /** A library (package prefix) only these packages may import. */
  record Library(String prefix, List<String> onlyIn) {}

  /** An arrow that must never exist, whatever the other rules allow, and why. */
  record Never(String from, String to, String why) {}

  static final List<Arrow> ARROWS = List.of(
      new Arrow("gateway.config", List.of()),
      new Arrow("gateway.devices", List.of("gateway.config")),
      new Arrow("gateway.acquisition", List.of("gateway.config", "gateway.devices")),
      new Arrow("gateway.estimation", List.of("gateway.config", "gateway.acquisition")),
      new Arrow("gateway.framing", List.of("gateway.acquisition", "gateway.estimation", "proto")),
      new Arrow("gateway.storage", List.of()),
      new Arrow("gateway.journal", List.of("gateway.config", "gateway.framing", "gateway.storage")),
      new Arrow("gateway.uplink", List.of("gateway.config", "gateway.framing", "gateway.journal", "gateway.storage")),
      new Arrow("gateway.trips",
          List.of("gateway.config", "gateway.acquisition", "gateway.estimation", "gateway.framing", "gateway.storage")),
      new Arrow("gateway.archive", List.of("gateway.framing")),
      new Arrow("gateway.lamp", List.of("gateway.devices", "gateway.estimation")),
      new Arrow("gateway.systemd", List.of()),
      new Arrow("gateway.depot",
          List.of("gateway.config", "gateway.acquisition", "gateway.estimation", "gateway.framing", "gateway.trips",
              "gateway.archive")),
      new Arrow("gateway.app", List.of("gateway")),
      new Arrow("ground", List.of("gateway", "proto")),
      new Arrow("simulator.physics", List.of()),
      new Arrow("simulator.scenario", List.of("simulator.physics", "gateway.config")),
      new Arrow("simulator.faults", List.of("simulator.physics", "simulator.scenario")),
      new Arrow("simulator.chips", List.of("simulator.physics", "simulator.faults", "gateway.config",
          "gateway.devices")),
      new Arrow("simulator.pi4j", List.of("simulator.physics", "simulator.scenario", "simulator.faults",
          "simulator.chips", "gateway.config", "gateway.devices", "gateway.storage")),
      new Arrow("simulator.fleet", List.of("simulator.physics", "simulator.scenario", "simulator.faults",
          "simulator.pi4j", "gateway")),
      new Arrow("simulator.app", List.of("simulator", "gateway", "ground")));

  static final List<Library> LIBRARIES = List.of(
      new Library("com.pi4j", List.of("gateway.devices", "simulator.pi4j")),
      new Library("com.fazecast", List.of("gateway.devices")),
      new Library("com.sun.jna", List.of("gateway.systemd")),
      new Library("org.eclipse.paho", List.of("gateway.uplink", "ground", "simulator.fleet", "simulator.app")),
      new Library("org.eclipse.californium", List.of("gateway.depot", "ground")),
      new Library("org.eclipse.scandium", List.of("gateway.depot", "ground")),
      new Library("com.google.protobuf", List.of("gateway.framing", "ground")),
      new Library("io.locolink.proto", List.of("gateway.framing", "ground")),
      new Library("org.tukaani", List.of("gateway.trips")),
      new Library("com.hivemq", List.of("simulator.app")));

  static final List<Never> NEVERS = List.of(
      new Never("gateway", "simulator", "the simulator never reaches the gateway's production classpath"),
      new Never("gateway", "ground", "the onboard program carries nothing of the ground"),
      new Never("gateway", "io.javalin", "the onboard install carries no web server"),
      new Never("gateway", "org.eclipse.jetty", "the onboard install carries no web server"),
      new Never("gateway", "org.postgresql", "the onboard install carries no database driver"),
      new Never("gateway", "org.flywaydb", "the onboard install carries no database driver"),
      new Never("ground", "simulator", "the ground is usable without the simulator"),
      new Never("ground", "gateway.devices", "the ground reads messages, never locomotive hardware"),
      new Never("ground", "gateway.uplink", "the ground does not send as a locomotive"),
      new Never("ground", "gateway.journal", "the ground does not keep a locomotive's journal"),
      new Never("gateway.estimation", "java.io", "estimation is pure"),
      new Never("gateway.estimation", "java.nio", "estimation is pure"),
      new Never("gateway.estimation", "java.net", "estimation is pure"),
      new Never("simulator.physics", "java.io", "physics has no I/O"),
      new Never("simulator.physics", "java.nio", "physics has no I/O"),
      new Never("simulator.physics", "java.net", "physics has no I/O"));

  /** The violations in {@code scan}, one line each. */
  static List<String> violations(Result scan) {
    List<String> out = new ArrayList<>();
    for (Use use : scan.uses()) {
      checkUse(use).ifPresent(reason -> out.add(use.from() + "/" + use.file() + " uses " + use.name() + ": " + reason));
    }
    return out;
  }

  private static Optional<String> checkUse(Use use) {
    String from = local(use.from());
    String to = use.to().startsWith(ROOT) ? local(use.to()) : use.to();
    for (Never never : NEVERS) {
      if (within(from, never.from()) && within(to, never.to())) {
        return Optional.of("never (" + never.why() + ")");
      }
    }
    for (Library library : LIBRARIES) {
      if (within(use.to(), library.prefix()) || within(to, local(library.prefix()))) {
        return library.onlyIn().stream().anyMatch(p -> within(from, p)) ? Optional.empty()
            : Optional.of(library.prefix() + " only in " + library.onlyIn());
      }
    }
    if (!use.to().startsWith(ROOT) || within(to, from)) {
      return Optional.empty();
    }
    Optional<Arrow> arrow = ARROWS.stream().filter(a -> within(from, a.from()))
        .max(Comparator.comparingInt(a -> a.from().length()));
    if (arrow.isEmpty()) {
      return Optional.of("package has no rule in DependencyRulesTest.ARROWS");
    }
    if (within(to, arrow.get().from()) || arrow.get().mayUse().stream().anyMatch(p -> within(to, p))) {
      return Optional.empty();
    }
    return Optional.of(arrow.get().from() + " may use only " + arrow.get().mayUse());
  }

  private static String local(String pkg) {
    return pkg.startsWith(ROOT) ? pkg.substring(ROOT.length()) : pkg;
  }

  /** True if {@code pkg} is {@code prefix} or one of its sub-packages. */
  private static boolean within(String pkg, String prefix) {
    return pkg.equals(prefix) || pkg.startsWith(prefix + ".");
  }

  static List<Path> mainSources(Path repository) {
    return MODULES.stream().map(m -> repository.resolve(m).resolve("src/main/java")).toList();
  }

  @Test
  void mainSourcesFollowThePackageMap() throws IOException {
    Result scan = SourceScan.scan(mainSources(Path.of("..")));
    // the count: every module read, every package with a rule found, enough uses to mean something
    assertTrue(scan.files() > 250, "read " + scan.files() + " files");
    assertTrue(scan.uses().size() > 1000, "read " + scan.uses().size() + " uses");
    for (Arrow arrow : ARROWS) {
      assertTrue(scan.packages().contains(ROOT + arrow.from())
          || scan.packages().stream().anyMatch(p -> p.startsWith(ROOT + arrow.from() + ".")),
          "no sources in " + arrow.from() + ": a rule for a package that is gone");
    }
    assertEquals(List.of(), violations(scan));
  }

  @Test
  void everyPackageHasARule() throws IOException {
    Result scan = SourceScan.scan(mainSources(Path.of("..")));
    TreeSet<String> without = new TreeSet<>();
    for (String pkg : scan.packages()) {
      if (ARROWS.stream().noneMatch(a -> within(local(pkg), a.from()))) {
        without.add(pkg);
      }
    }
    assertEquals(new TreeSet<String>(), without, "packages that DependencyRulesTest.ARROWS does not name");
  }

  @Test
  void everyPackageSaysItsJob() throws IOException {
    Result scan = SourceScan.scan(mainSources(Path.of("..")));
    TreeSet<String> missing = new TreeSet<>(scan.packages());
    scan.packageInfos().forEach(missing::remove);
    assertEquals(new TreeSet<String>(), missing, "packages without package-info.java");
  }

  @Test
  void aForbiddenUseInTheFixtureIsCaught(@TempDir Path repo) throws IOException {
    Path framing = repo.resolve("gateway/src/main/java/io/locolink/gateway/framing");
    Files.createDirectories(framing);
    Files.writeString(framing.resolve("Leaky.java"), """
        package io.locolink.gateway.framing;

        import io.locolink.gateway.framing.StreamKind;
        import org.eclipse.paho.client.mqttv3.MqttClient;

        /** Mentions io.locolink.simulator.fleet.Fleet in a comment only, which is no dependency. */
        final class Leaky {
          String text = "io.locolink.ground.tools.Views";
          io.locolink.gateway.uplink.Uplink uplink;
          MqttClient client;
        }
        """);
    Path journal = repo.resolve("gateway/src/main/java/io/locolink/gateway/journal");
    Files.createDirectories(journal);
    Files.writeString(journal.resolve("Fine.java"), """
        package io.locolink.gateway.journal;

        import io.locolink.gateway.framing.StreamKind;

        final class Fine {
          StreamKind kind;
        }
        """);

    Result scan = SourceScan.scan(List.of(repo.resolve("gateway/src/main/java")));

    assertEquals(2, scan.files());
    assertEquals(4, scan.uses().size(), scan.uses().toString());
    assertEquals(List.of(
        "io.locolink.gateway.framing/Leaky.java uses org.eclipse.paho.client.mqttv3.MqttClient: "
            + "org.eclipse.paho only in [gateway.uplink, ground, simulator.fleet, simulator.app]",
        "io.locolink.gateway.framing/Leaky.java uses io.locolink.gateway.uplink.Uplink: "
            + "gateway.framing may use only [gateway.acquisition, gateway.estimation, proto]"),
        violations(scan));
  }
}
