package io.locolink.gateway.app;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.FileOwnership;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.depot.PskKeyFile;
import io.locolink.gateway.uplink.UplinkFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code locolink gateway --check}: everything the configuration names, checked as the user the
 * service runs as, without starting anything. Files: exist, parse, belong to this user when they
 * are secrets, are not writable by group or others. On {@code platform: raspberrypi} also every
 * device node the wiring needs (I2C adapters, SPI chip selects, serial ports, a GPIO chip): exists
 * and is readable and writable. Stateless; prints one line per item.
 */
final class InstallationCheck {

  private final PrintWriter out;
  private final PrintWriter err;
  private final List<String> problems = new ArrayList<>();

  InstallationCheck(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** Runs every check; returns the problems found (also printed to the error stream). */
  List<String> run(LocoLinkConfig cfg) {
    checkMqtt(cfg.mqtt());
    if (cfg.depot().enabled()) {
      Path keys = cfg.depot().pskPath();
      if (secret("depot.pskFile", keys)) {
        try {
          out.println("ok    depot.pskFile " + keys + ": " + PskKeyFile.readAll(keys).size() + " identities");
        } catch (RuntimeException e) {
          problem("depot.pskFile", e.getMessage());
        }
      }
    }
    checkStateDir(cfg.stateDir());
    if (cfg.platform().equals("raspberrypi")) {
      checkDeviceNodes(cfg.devices());
    }
    return List.copyOf(problems);
  }

  private void checkMqtt(MqttConfig mqtt) {
    boolean filesThere = trusted("mqtt.caFile", mqtt.caFile()) & trusted("mqtt.clientCertFile", mqtt.clientCertFile())
        & secret("mqtt.clientKeyFile", mqtt.clientKeyFile()) & secret("mqtt.usernameFile", mqtt.usernameFile())
        & secret("mqtt.passwordFile", mqtt.passwordFile());
    if (!filesThere) {
      return;
    }
    try {
      UplinkFiles.verify(mqtt);
      out.println("ok    mqtt " + mqtt.url() + ": credentials and TLS files read");
    } catch (ConfigException e) {
      problem("mqtt." + e.key(), e.problem());
    }
  }

  private boolean secret(String key, Path file) {
    return file == null || attributes(key, file, true);
  }

  private boolean trusted(String key, Path file) {
    return file == null || attributes(key, file, false);
  }

  private boolean attributes(String key, Path file, boolean secret) {
    try {
      if (!Files.isRegularFile(file)) {
        Files.readAttributes(file, "size");  // a missing file says so below
        problem(key, file + " is not a regular file");
        return false;
      }
      Optional<String> wrong = secret ? FileOwnership.secretProblem(file) : FileOwnership.trustedProblem(file);
      wrong.ifPresent(p -> problem(key, p));
      return wrong.isEmpty();
    } catch (NoSuchFileException e) {
      problem(key, file + " does not exist");
    } catch (IOException e) {
      problem(key, file + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    return false;
  }

  private void checkStateDir(Path dir) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)
        || !Files.isExecutable(existing)) {
      problem("stateDir", (existing == null ? dir : existing) + " is not a directory this user can write");
    } else {
      out.println("ok    stateDir " + dir + (existing.equals(dir) ? "" : " (will be created)"));
    }
  }

  private void checkDeviceNodes(DevicesConfig devices) {
    TreeSet<String> nodes = new TreeSet<>();
    var pack = devices.pack();
    nodes.add("/dev/i2c-" + pack.shunt().bus());
    nodes.add("/dev/i2c-" + pack.analog().bus());
    if (devices.genset().present()) {
      nodes.add("/dev/i2c-" + devices.genset().shunt().bus());
    }
    for (DevicesConfig.Drive d : devices.drives()) {
      nodes.add("/dev/i2c-" + d.adcBus());
      for (int cs : new int[] {d.windingCs(), d.bearingCs(), d.inverterCs()}) {
        nodes.add("/dev/spidev" + d.spiBus() + "." + cs);
      }
    }
    nodes.add(pack.bms().device());
    nodes.add(devices.gnss().device());
    for (String node : nodes) {
      deviceNode("devices", Path.of(node));
    }
    try (DirectoryStream<Path> chips = Files.newDirectoryStream(Path.of("/dev"), "gpiochip*")) {
      boolean any = false;
      for (Path chip : chips) {
        any = true;
        deviceNode("devices (GPIO)", chip);
      }
      if (!any) {
        problem("devices (GPIO)", "no /dev/gpiochip* device: is this a Raspberry Pi?");
      }
    } catch (IOException e) {
      problem("devices (GPIO)", "cannot list /dev: " + e.getMessage());
    }
  }

  private void deviceNode(String key, Path node) {
    if (!Files.exists(node)) {
      problem(key, node + " does not exist (bus not enabled in /boot/firmware/config.txt? see deploy/README.md)");
    } else if (Files.isRegularFile(node) || Files.isDirectory(node)) {
      problem(key, node + " is not a device node");
    } else if (!Files.isReadable(node) || !Files.isWritable(node)) {
      problem(key, node + " is not readable and writable by " + System.getProperty("user.name")
          + " (groups gpio, i2c, spi, dialout?)");
    } else {
      out.println("ok    " + node);
    }
  }

  private void problem(String key, String text) {
    problems.add(key + ": " + text);
    err.println("FAIL  " + key + ": " + text);
  }
}
