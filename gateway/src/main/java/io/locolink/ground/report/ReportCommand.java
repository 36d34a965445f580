package io.locolink.ground.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  @Parameters(index = "0", paramLabel = "TRIP", description = "A trip log file (ID.llt).")
  Path trip;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      TripData data = TripData.read(trip);
      String name = trip.getFileName().toString().replaceFirst("\\.llt$", "");
      writeAtomically(out, TripReport.render(name, data).getBytes(StandardCharsets.UTF_8));
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

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".report", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
