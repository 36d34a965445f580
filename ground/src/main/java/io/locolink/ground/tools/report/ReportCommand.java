package io.locolink.ground.tools.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code locolink report TRIP --out trip.html}: a self-contained HTML trip report. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report (charts, energy, alarms) of a trip log.")
public final class ReportCommand extends TripFileCommand {

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path out;

  @Override
  Path output() {
    return out;
  }

  @Override
  String cannot() {
    return "cannot write report";
  }

  @Override
  byte[] render(String name, TripData data) {
    return TripReport.render(name, data).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  String written(TripData data) {
    return String.format("%d samples, %d energy records, %d alarms", data.samples().size(), data.energy().size(),
        data.alarms().size());
  }
}
