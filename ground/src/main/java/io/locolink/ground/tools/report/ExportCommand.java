package io.locolink.ground.tools.report;

import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code locolink export TRIP --csv OUT}: a trip's samples as CSV for spreadsheets. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a trip log's samples as CSV (one row per fast sample).")
public final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TRIP",
      description = "A trip log file (ID.llt), or a trip id whose ID.llt is in the current directory.")
  String trip;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file to write.")
  Path csv;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String unwritable = ReportCommand.unwritable(csv);
    if (unwritable != null) {  // said before a long read of the log, not after
      spec.commandLine().getErr().println("cannot export: " + unwritable);
      return 1;
    }
    Path log;
    try {
      log = ReportCommand.logOf(trip);
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
      StringWriter text = new StringWriter();
      TripCsv.write(data, text);
      FileIo.SYSTEM.replace(csv, text.toString().getBytes(StandardCharsets.UTF_8));
      spec.commandLine().getOut().printf("wrote %s: %d rows%n", csv, data.samples().size());
      return 0;
    } catch (UncheckedIOException | IOException e) {
      spec.commandLine().getErr().println("cannot export: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("not a readable trip log: " + e.getMessage());
      return 1;
    }
  }
}
