package io.locolink.ground.tools.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code locolink export TRIP --csv OUT}: a trip's samples as CSV for spreadsheets. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a trip log's samples as CSV (one row per fast sample).")
public final class ExportCommand extends TripFileCommand {

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file to write.")
  Path csv;

  @Override
  Path output() {
    return csv;
  }

  @Override
  String cannot() {
    return "cannot export";
  }

  @Override
  byte[] render(String name, TripData data) throws IOException {
    StringWriter text = new StringWriter();
    TripCsv.write(data, text);
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  String written(TripData data) {
    return data.samples().size() + " rows";
  }
}
