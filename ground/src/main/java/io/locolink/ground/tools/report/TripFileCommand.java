package io.locolink.ground.tools.report;

import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code report} and {@code export} share: the TRIP argument, the output checked before the
 * long read of the log, a log without an intact block refused, the output replaced whole, a log
 * ending in a damaged block said so, and every failure told on stderr with exit code 1.
 */
abstract class TripFileCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TRIP",
      description = "A trip log file (ID.llt), or a trip id whose ID.llt is in the current directory.")
  String trip;

  @Spec CommandSpec spec;

  /** The file to write. */
  abstract Path output();

  /** How a failure to write is introduced, e.g. {@code "cannot export"}. */
  abstract String cannot();

  /** The output's bytes for the trip log {@code name} (its file name without {@code .llt}). */
  abstract byte[] render(String name, TripData data) throws IOException;

  /** What was written, said after "wrote FILE: ", e.g. "18000 rows". */
  abstract String written(TripData data);

  @Override
  public final Integer call() {
    Path out = output();
    String unwritable = unwritable(out);
    if (unwritable != null) {  // said before a long read of the log, not after
      return refuse(cannot() + ": " + unwritable);
    }
    Path log;
    try {
      log = logOf(trip);
    } catch (NoSuchFileException e) {
      return refuse(e.getMessage());  // TRIP: no such trip log
    }
    try {
      TripData data = TripData.read(log);
      if (data.tornTail() && data.samples().isEmpty() && data.summary().isEmpty()) {
        return refuse(log + " is not a trip log (no intact block)");
      }
      String name = log.getFileName().toString().replaceFirst("\\.llt$", "");
      FileIo.SYSTEM.replace(out, render(name, data));
      spec.commandLine().getOut().printf("wrote %s: %s%s%n", out, written(data),
          data.tornTail() ? " (log ends in a damaged block)" : "");
      return 0;
    } catch (UncheckedIOException | IOException e) {
      return refuse(cannot() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return refuse("not a readable trip log: " + e.getMessage());
    }
  }

  private int refuse(String message) {
    spec.commandLine().getErr().println(message);
    return 1;
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
  static Path logOf(String trip) throws NoSuchFileException {
    Path direct = Path.of(trip);
    if (Files.isRegularFile(direct)) {
      return direct;
    }
    if (io.locolink.gateway.trips.TripId.isValid(trip) && Files.isRegularFile(Path.of(trip + ".llt"))) {
      return Path.of(trip + ".llt");
    }
    throw new NoSuchFileException(trip, null, "no such trip log");
  }
}
