package io.locolink.ground.tools.report;

import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.TripSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders a trip as one self-contained HTML page: summary table, inline-SVG charts of speed,
 * power, SoC, cell voltage spread and temperatures over time and over distance (alarms marked on
 * the time charts), energy by source, and the alarm list. No scripts, no external references.
 * Stateless.
 */
public final class TripReport {

  private static final String CSS = "body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}"
      + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
      + ".row{display:flex;flex-wrap:wrap;gap:12px}.chart{background:#fff;border:1px solid #ddd}"
      + ".frame{fill:none;stroke:#888}.grid{stroke:#eee}.t{font-size:13px;font-weight:bold}.l{font-size:11px}"
      + ".tx{font-size:10px;text-anchor:middle}.ty{font-size:10px;text-anchor:end}.ax{font-size:11px;text-anchor:middle}"
      + ".warn{background:#fee;border:1px solid #c00;padding:8px}";

  private static final String NO_GOOD_READING = "unknown: no good reading in the trip";

  private TripReport() {}

  /** The page for {@code trip}; {@code name} labels it (usually the trip id). */
  public static String render(String name, TripData trip) {
    List<TripData.Sample> s = trip.timedSamples();
    int untimed = trip.samples().size() - s.size();
    long t0 = s.isEmpty() ? 0 : s.get(0).unixMs();
    double odo0 = s.isEmpty() ? 0 : s.get(0).odometerM();
    double[] minutes = column(s, x -> (x.unixMs() - t0) / 60_000.0);
    double[] km = column(s, x -> (x.odometerM() - odo0) / 1000.0);
    StringBuilder html = new StringBuilder(256 * 1024);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Trip ")
        .append(Html.escape(name)).append("</title><style>").append(CSS).append("</style></head><body>");
    html.append("<h1>Trip ").append(Html.escape(name)).append("</h1>");
    if (trip.tornTail()) {
      html.append("<p class=\"warn\">The log ends in a damaged or incomplete block; it is shown up to the last"
          + " intact block.</p>");
    }
    trip.summary().ifPresent(sum -> summary(html, sum, trip.samples()));
    html.append(unknownValues(s));
    if (untimed > 0) {
      html.append("<p class=\"warn\">").append(untimed).append(" sample(s) whose time did not advance past the"
          + " sample before them are flagged and left out of the charts.</p>");
    }
    html.append("<h2>Over time</h2><div class=\"row\">");
    for (SvgChart c : charts(s, minutes, "time since start, min", true, trip.alarms(), t0)) {
      html.append(c.render());
    }
    html.append("</div><h2>Over distance</h2><div class=\"row\">");
    for (SvgChart c : charts(s, km, "distance, km", false, trip.alarms(), t0)) {
      html.append(c.render());
    }
    html.append("</div><h2>Energy by source</h2>").append(energyBasis(trip)).append(energyBars(trip.energy()));
    alarms(html, trip.alarms());
    html.append("</body></html>\n");
    return html.toString();
  }

  private static List<SvgChart> charts(List<TripData.Sample> s, double[] x, String xLabel, boolean markAlarms,
      List<Alarm> alarms, long t0) {
    List<SvgChart> charts = List.of(
        new SvgChart("Speed", xLabel, "km/h", x).add("wheel speed", column(s, TripData.Sample::speedKmh)),
        new SvgChart("Battery power", xLabel, "kW (+ discharge)", x).add("pack power", column(s, TripData.Sample::powerKw)),
        new SvgChart("State of charge", xLabel, "%", x).add("SoC", column(s, TripData.Sample::socPercent)),
        new SvgChart("Cell voltage spread", xLabel, "mV", x).add("max - min", column(s, TripData.Sample::cellSpreadMv)),
        new SvgChart("Temperatures", xLabel, "°C", x).add("cell min", column(s, TripData.Sample::cellTempMinC))
            .add("cell max", column(s, TripData.Sample::cellTempMaxC))
            .add("motor winding", column(s, TripData.Sample::motorTempC)));
    if (markAlarms) {
      for (Alarm a : alarms) {
        double at = (a.getHeader().getTimeUnixMs() - t0) / 60_000.0;
        String colour = a.getEvent() == AlarmEvent.ALARM_CLEARED ? "#2ca02c" : "#d62728";
        for (SvgChart c : charts) {
          c.marker(at, a.getCode() + " " + a.getEvent().name(), colour);
        }
      }
    }
    return charts;
  }

  private static void summary(StringBuilder html, TripSummary s, List<TripData.Sample> samples) {
    Instant start = Instant.ofEpochMilli(s.getStartUnixMs());
    Instant end = Instant.ofEpochMilli(s.getEndUnixMs());
    Duration d = Duration.between(start, end);
    html.append("<table class=\"summary\">");
    row(html, "Locomotive", s.getHeader().getLocomotiveId());
    row(html, "Start (UTC)", start.toString());
    row(html, "End (UTC)", end.toString());
    row(html, "Duration", String.format(Locale.ROOT, "%d h %02d min %02d s", d.toHours(), d.toMinutesPart(), d.toSecondsPart()));
    row(html, "Distance", String.format(Locale.ROOT, "%.2f km", s.getDistanceM() / 1000.0));
    row(html, "Energy consumed, start to end", String.format(Locale.ROOT, "%.1f kWh", s.getConsumedWh() / 1000.0));
    row(html, "Energy regenerated, start to end", String.format(Locale.ROOT, "%.1f kWh", s.getRegeneratedWh() / 1000.0));
    row(html, "SoC start / end", String.format(Locale.ROOT, "%.1f %% / %.1f %%", s.getSocStartPermille() / 10.0,
        s.getSocEndPermille() / 10.0));
    // a summary leaves out a temperature the gateway never read good; one written before v1.4 also left
    // out a 0.0 °C, and the log's frames tell which (a good reading in them means the summary's was 0.0)
    boolean cellTemps = s.hasMinCellTempDc() || s.hasMaxCellTempDc()
        || samples.stream().anyMatch(x -> Double.isFinite(x.cellTempMinC()) || Double.isFinite(x.cellTempMaxC()));
    row(html, "Cell temperature min / max", cellTemps ? String.format(Locale.ROOT, "%.1f °C / %.1f °C",
        s.getMinCellTempDc() / 10.0, s.getMaxCellTempDc() / 10.0) : NO_GOOD_READING);
    boolean winding = s.hasMaxMotorTempDc() || samples.stream().anyMatch(x -> Double.isFinite(x.motorTempC()));
    row(html, "Motor winding max", winding ? String.format(Locale.ROOT, "%.1f °C", s.getMaxMotorTempDc() / 10.0)
        : NO_GOOD_READING);
    row(html, "Alarms raised", String.valueOf(s.getAlarms()));
    row(html, "CO2 avoided vs diesel, over its energy records", String.format(Locale.ROOT, "%.1f kg",
        s.getCo2AvoidedG() / 1000.0));
    row(html, "Diesel used", String.format(Locale.ROOT, "%.1f L", s.getDieselMl() / 1000.0));
    row(html, "Telemetry frames", String.valueOf(s.getFrames()));
    html.append("</table>");
  }

  /**
   * Where the charts have gaps: how many of the charted samples had each charted quantity unknown
   * (a value the gateway flagged, or one the log does not hold); empty when none had.
   */
  static String unknownValues(List<TripData.Sample> s) {
    String[] names = {"wheel speed", "pack power", "cell voltage spread", "lowest cell temperature",
        "highest cell temperature", "motor winding"};
    List<ToDoubleFunction<TripData.Sample>> columns = List.of(TripData.Sample::speedKmh, TripData.Sample::powerKw,
        TripData.Sample::cellSpreadMv, TripData.Sample::cellTempMinC, TripData.Sample::cellTempMaxC,
        TripData.Sample::motorTempC);
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < names.length; k++) {
      long unknown = 0;
      for (TripData.Sample x : s) {
        if (!Double.isFinite(columns.get(k).applyAsDouble(x))) {
          unknown++;
        }
      }
      if (unknown > 0) {
        parts.add(String.format(Locale.ROOT, "%s in %d", names[k], unknown));
      }
    }
    if (parts.isEmpty()) {
      return "";
    }
    return "<p class=\"unknown\">Unknown values, left out of the charts and extremes (flagged by the gateway, or"
        + " not in the log; the CSV export names the flags), of " + s.size() + " sample(s): "
        + Html.escape(String.join(", ", parts)) + ".</p>";
  }

  private static void row(StringBuilder html, String key, String value) {
    html.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value)).append("</td></tr>");
  }

  /**
   * What the bars below add up: the log's energy records are whole 5-minute periods (those that
   * closed while the trip ran), so they begin at the start of the period the trip began in and
   * end with the last period that closed before its end, while the summary counts from the trip's
   * first cycle to its last. Says so, with both spans, whenever the two can differ.
   */
  static String energyBasis(TripData trip) {
    List<EnergyRecord> energy = trip.energy();
    if (energy.isEmpty()) {
      return "";
    }
    Instant from = Instant.ofEpochSecond(energy.get(0).getPeriodEndUnixS() - energy.get(0).getPeriodS());
    Instant to = Instant.ofEpochSecond(energy.get(energy.size() - 1).getPeriodEndUnixS());
    StringBuilder p = new StringBuilder("<p class=\"energy-basis\">");
    p.append(String.format(Locale.ROOT, "The bars add up the %d energy record(s) that closed during the trip:"
        + " whole periods from %s to %s.", energy.size(), from, to));
    trip.summary().ifPresent(s -> {
      Instant start = Instant.ofEpochMilli(s.getStartUnixMs());
      Instant end = Instant.ofEpochMilli(s.getEndUnixMs());
      List<String> edges = new ArrayList<>();
      if (from.isBefore(start)) {
        edges.add("include energy from before its start");
      }
      if (to.isBefore(end)) {
        edges.add("leave out the period in progress at its end");
      }
      if (!edges.isEmpty()) {
        p.append(String.format(Locale.ROOT, " The trip ran from %s to %s: the bars %s, so they differ from the"
            + " trip's own %.1f kWh consumed and %.1f kWh regenerated above, counted from its start to its end.",
            start, end, String.join(" and ", edges), s.getConsumedWh() / 1000.0, s.getRegeneratedWh() / 1000.0));
      }
    });
    return p.append("</p>").toString();
  }

  static String energyBars(List<EnergyRecord> energy) {
    double[] kwh = new double[4];
    for (EnergyRecord e : energy) {
      kwh[0] += e.getConsumedWh() / 1000.0;
      kwh[1] += e.getRegeneratedWh() / 1000.0;
      kwh[2] += e.getGensetWh() / 1000.0;
      kwh[3] += e.getDepotChargeWh() / 1000.0;
    }
    String[] names = {"battery out (consumed)", "regenerated into battery", "genset", "depot charger"};
    double max = Math.max(1e-9, Math.max(Math.max(kwh[0], kwh[1]), Math.max(kwh[2], kwh[3])));
    StringBuilder svg = new StringBuilder("<svg class=\"chart energy\" viewBox=\"0 0 560 150\" width=\"560\" height=\"150\""
        + " role=\"img\"><title>Energy by source</title>");
    for (int i = 0; i < 4; i++) {
      double w = kwh[i] / max * 300;
      int y = 12 + i * 34;
      svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" class=\"l\">%s</text>", y + 16, names[i]));
      svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"170\" y=\"%d\" width=\"%.1f\" height=\"22\" fill=\"%s\"/>",
          y, w, SvgChart.COLOURS[i]));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"l\">%.1f kWh</text>", 176 + w, y + 16, kwh[i]));
    }
    svg.append("</svg>");
    if (energy.isEmpty()) {
      svg.append("<p>No energy record closed during this trip.</p>");
    }
    return svg.toString();
  }

  private static void alarms(StringBuilder html, List<Alarm> alarms) {
    html.append("<h2>Alarms</h2>");
    if (alarms.isEmpty()) {
      html.append("<p>None.</p>");
      return;
    }
    html.append("<table class=\"alarms\"><tr><th>UTC</th><th>Code</th><th>Tier</th><th>Event</th><th>Value</th>"
        + "<th>Limit</th></tr>");
    for (Alarm a : alarms) {
      html.append("<tr><td>").append(Instant.ofEpochMilli(a.getHeader().getTimeUnixMs())).append("</td><td>")
          .append(Html.escape(a.getCode())).append("</td><td>").append(a.getTier().name()).append("</td><td>")
          .append(a.getEvent().name()).append(a.getSuppressed() > 0 ? " (" + a.getSuppressed() + ")" : "")
          .append("</td><td>").append(String.format(Locale.ROOT, "%.3f %s", a.getValueMilli() / 1000.0,
              Html.escape(a.getUnit()))).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f %s", a.getLimitMilli() / 1000.0, Html.escape(a.getUnit())))
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  static double[] column(List<TripData.Sample> s, ToDoubleFunction<TripData.Sample> f) {
    double[] out = new double[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(s.get(i));
    }
    return out;
  }
}
