package io.locolink.ground.tools.report;

import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code locolink report TRIP --out trip.html}: a self-contained HTML trip report. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report (charts, energy, alarms) of a trip log.")
public final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TRIP",
      description = "A trip log file (ID.llt), or a trip id whose ID.llt is in the current directory.")
  String trip;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String unwritable = unwritable(out);
    if (unwritable != null) {  // said before a long read of the log, not after
      spec.commandLine().getErr().println("cannot write report: " + unwritable);
      return 1;
    }
    Path log;
    try {
      log = logOf(trip);
    } catch (java.nio.file.NoSuchFileException e) {
      spec.commandLine().getErr().println(e.getMessage());  // TRIP: no such trip log
      return 1;
    }
    try {
      TripData data = TripData.read(log);
      if (data.tornTail() && data.samples().isEmpty() && data.summary().isEmpty()) {
        spec.commandLine().getErr().println(log + " is not a trip log (no intact block)");
        return 1;
      }
      String name = log.getFileName().toString().replaceFirst("\\.llt$", "");
      FileIo.SYSTEM.replace(out, TripReport.render(name, data).getBytes(StandardCharsets.UTF_8));
      spec.commandLine().getOut().printf("wrote %s: %d samples, %d energy records, %d alarms%s%n", out,
          data.samples().size(), data.energy().size(), data.alarms().size(),
          data.tornTail() ? " (log ends in a damaged block)" : "");
      return 0;
    } catch (UncheckedIOException | IOException e) {
      spec.commandLine().getErr().println("cannot write report: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("not a readable trip log: " + e.getMessage());
      return 1;
    }
  }

  /** Why {@code out} cannot be written (its directory is missing or not one), or null. */
  static String unwritable(Path out) {
    Path dir = out.toAbsolutePath().getParent();
    if (Files.isDirectory(out)) {
      return out + " is a directory";
    }
    if (!Files.isDirectory(dir)) {
      return out + ": no such directory " + dir;
    }
    return null;
  }

  /** The log file named by a TRIP argument: a path, or a trip id with {@code .llt} added. */
  static Path logOf(String trip) throws java.nio.file.NoSuchFileException {
    Path direct = Path.of(trip);
    if (Files.isRegularFile(direct)) {
      return direct;
    }
    if (io.locolink.gateway.trips.TripId.isValid(trip) && Files.isRegularFile(Path.of(trip + ".llt"))) {
      return Path.of(trip + ".llt");
    }
    throw new java.nio.file.NoSuchFileException(trip, null, "no such trip log");
  }
}
