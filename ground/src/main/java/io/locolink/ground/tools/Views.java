package io.locolink.ground.tools;

import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.proto.v1.Alarm;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text renderings of the fleet state for terminals: a one-row-per-locomotive table (watch) and a
 * detailed battery panel for one locomotive (the demo). A value the frame flags or does not carry is
 * shown as {@link #UNKNOWN} ({@link GoodValues}), never as a reading. Pure: strings in, strings out.
 */
public final class Views {

  /** ANSI: cursor home and clear screen, for redrawing in place. */
  public static final String CLEAR = "\u001b[H\u001b[2J";

  /** What a value the frame flags or does not know is shown as, as in the trip report. */
  public static final String UNKNOWN = "unknown";

  private Views() {}

  /** One row per locomotive. */
  public static String table(Map<String, FleetState.Loco> locos, long nowMillis) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-14s %-7s %5s %11s %8s %8s %8s %-22s %-11s %7s %13s %7s %6s %s%n",
        "LOCOMOTIVE", "LINK", "AGE", "SoC est/BMS", "PACK V", "PACK A", "kW", "CELL min..max V (#max)",
        "CELL degC", "km/h", "TODAY kWh o/r", "CO2 kg", "GAPS", "ALARMS"));
    locos.forEach((id, loco) -> out.append(row(id, loco, nowMillis)).append('\n'));
    if (locos.isEmpty()) {
      out.append("(waiting for locomotives...)\n");
    }
    return out.toString();
  }

  private static String row(String id, FleetState.Loco loco, long nowMillis) {
    String link = FleetState.offline(loco) ? "OFFLINE" : "online";
    if (loco.frame == null) {
      return String.format(Locale.ROOT, "%-14s %-7s %s", id, link, "(no telemetry yet)");
    }
    DecodedFrame f = GoodValues.of(loco.frame).frame();
    var s = f.state();
    String cells = Double.isNaN(s.cellMinV()) || Double.isNaN(s.cellMaxV()) ? UNKNOWN
        : String.format(Locale.ROOT, "%6.3f..%6.3f (%3d)", s.cellMinV(), s.cellMaxV(), s.cellMaxIndex());
    return String.format(Locale.ROOT,
        "%-14s %-7s %4ds %5s/%5s %8s %8s %8s %-22s %-11s %7s %6.1f/%6.1f %7.1f %6d %s",
        id, link, Math.max(0, (nowMillis - loco.frameReceivedMillis) / 1000), known("%.1f", s.socPercent()),
        known("%.1f", f.bmsSocPercent()), known("%.1f", f.lastPackVoltageV()), known("%.1f", f.lastPackCurrentA()),
        known("%.1f", f.lastPackVoltageV() * f.lastPackCurrentA() / 1000), cells,
        range("%5.1f", s.cellMinTempC(), s.cellMaxTempC()), known("%.1f", f.lastSpeedKmh()),
        s.todayConsumedWh() / 1000.0, s.todayRegeneratedWh() / 1000.0, s.co2AvoidedTodayG() / 1000.0,
        loco.gaps, alarms(FleetState.alarmsBySeverity(loco)));
  }

  /** The detailed panel for one locomotive. */
  public static String panel(String id, FleetState.Loco loco, long nowMillis) {
    StringBuilder out = new StringBuilder();
    out.append("LocoLink live view: locomotive ").append(id)
        .append(FleetState.offline(loco) ? "  [OFFLINE]" : "").append('\n');
    if (loco == null || loco.frame == null) {
      return out.append("(waiting for the first telemetry frame...)\n").toString();
    }
    GoodValues good = GoodValues.of(loco.frame);
    DecodedFrame f = good.frame();
    var s = f.state();
    double powerKw = f.lastPackVoltageV() * f.lastPackCurrentA() / 1000;
    line(out, "Frame", "seq %d, %s, clock %s, received %d s ago, %d gaps", f.sequence(),
        java.time.Instant.ofEpochMilli(f.timeUnixMs()), f.clock().replace("CLOCK_", ""),
        Math.max(0, (nowMillis - loco.frameReceivedMillis) / 1000), loco.gaps);
    line(out, "State of charge", "%5s %% estimate (+/- %s)   %5s %% BMS   SoH %5s %%", known("%.1f", s.socPercent()),
        known("%.1f", s.socUncertaintyPercent()), known("%.1f", f.bmsSocPercent()), known("%.1f", s.sohPercent()));
    out.append(String.format(Locale.ROOT, "  %-18s [%s]%n", "", bar(s.socPercent(), 40)));
    line(out, "Pack", "%7s V  %8s A  %8s kW %s   contactor %s   insulation %s kOhm", known("%.1f", f.lastPackVoltageV()),
        known("%.1f", f.lastPackCurrentA()), known("%.1f", powerKw),
        Double.isNaN(powerKw) ? "             " : powerKw >= 0 ? "(discharging)" : "(charging)  ",
        f.contactor().replace("CONTACTOR_", ""), known("%.0f", good.insulationKohm()));
    line(out, "Cells", "%d cells  min %s  max %s  mean %s  spread %s", f.cellVoltagesV().length,
        cell(s.cellMinV(), s.cellMinIndex()), cell(s.cellMaxV(), s.cellMaxIndex()), known("%.3f V", s.cellMeanV()),
        known("%.0f mV", (s.cellMaxV() - s.cellMinV()) * 1000));
    line(out, "Temperatures", "cells %s", range("%.1f", s.cellMinTempC(), s.cellMaxTempC()) + " degC");
    if (!f.cells().available() && !f.cells().kind().equals("NONE")) {
      line(out, "Cell lists", "%s", f.cells().note());
    }
    for (DecodedFrame.Drive d : f.drives()) {
      line(out, "Drive " + d.index(), "%7s A  %6s rpm  winding %5s  bearing %5s  inverter %5s degC",
          known("%.1f", last(d.currentA())), known("%.0f", last(d.speedRpm())), known("%.1f", d.windingC()),
          known("%.1f", d.bearingC()), known("%.1f", d.inverterC()));
    }
    if (f.genset() != null) {
      var g = f.genset();
      line(out, "Genset", "%s  %4s rpm  %6s kW  fuel %5s L/h  used %.1f L", g.running() ? "running" : "stopped",
          known("%.0f", good.engineRpm()), known("%.1f", g.powerKw()), known("%.1f", g.fuelFlowLph()), g.fuelUsedL());
    }
    String where = f.position() == null ? "no GNSS fix"
        : String.format(Locale.ROOT, "%.5f, %.5f (fix %d ms old)", f.position().latitudeDeg(),
            f.position().longitudeDeg(), f.position().fixAgeMs());
    line(out, "Motion", "%6s km/h  odometer %.3f km  at %s", known("%.1f", f.lastSpeedKmh()), f.odometerM() / 1000.0, where);
    line(out, "Energy", "trip (running or last) %d Wh out, %d Wh regenerated   "
        + "today %d Wh out, %d Wh regenerated",
        s.tripConsumedWh(), s.tripRegeneratedWh(), s.todayConsumedWh(), s.todayRegeneratedWh());
    line(out, "CO2 avoided today", "%.1f kg (against a diesel locomotive doing the same work; may be negative)",
        s.co2AvoidedTodayG() / 1000.0);
    if (loco.lastEnergy != null) {
      var e = loco.lastEnergy;
      line(out, "Last energy record", "period ending %s: %d Wh consumed, %d Wh regenerated",
          java.time.Instant.ofEpochSecond(e.getPeriodEndUnixS()), e.getConsumedWh(), e.getRegeneratedWh());
    }
    line(out, "Alarms", "%s", alarms(FleetState.alarmsBySeverity(loco)));
    if (!f.quality().isEmpty()) {
      line(out, "Flagged channels", "%s", f.quality().stream().limit(6)
          .map(Views::quality)
          .reduce((a, b) -> a + ", " + b).orElse(""));
    }
    if (loco.status != null) {
      var st = loco.status;
      line(out, "Gateway", "queue %d, oldest unsent %d s, telemetry dropped %d, link %s", st.getQueueDepth(),
          st.getOldestUnsentAgeS(), st.getDroppedTelemetry(), st.getLink().name().replace("LINK_", ""));
      if (st.getSetAsideMessages() > 0) {
        line(out, "Set aside", "%d message(s) the broker refused, kept on the gateway%s", st.getSetAsideMessages(),
            st.getLastSetAsideReason().isEmpty() ? "" : "; last: " + st.getLastSetAsideReason());
      }
    }
    return out.toString();
  }

  /** One flagged channel range as {@code channel[first..last] FLAG+FLAG}. */
  public static String quality(DecodedFrame.Quality q) {
    long first = Integer.toUnsignedLong(q.index());
    long count = Integer.toUnsignedLong(q.count());
    String range = count > 1 ? first + ".." + (first + count - 1) : Long.toString(first);
    return q.channel().toLowerCase(Locale.ROOT) + "[" + range + "] " + String.join("+", q.flags());
  }

  /**
   * {@code v} in {@code format}, or {@link #UNKNOWN} when the frame does not know it (NaN: the gateway
   * had no good reading, the frame flags the value, or does not carry it).
   */
  static String known(String format, double v) {
    return Double.isNaN(v) ? UNKNOWN : String.format(Locale.ROOT, format, v);
  }

  /** {@code lo..hi} in {@code format}, or {@link #UNKNOWN} when either is not known. */
  private static String range(String format, double lo, double hi) {
    return Double.isNaN(lo) || Double.isNaN(hi) ? UNKNOWN : known(format, lo) + ".." + known(format, hi);
  }

  /** A cell voltage with its cell number, or {@link #UNKNOWN}. */
  private static String cell(double volts, int index) {
    return Double.isNaN(volts) ? UNKNOWN : String.format(Locale.ROOT, "%.3f V (#%d)", volts, index);
  }

  private static void line(StringBuilder out, String label, String format, Object... args) {
    out.append(String.format(Locale.ROOT, "  %-18s ", label)).append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static double last(double[] values) {
    return values.length == 0 ? Double.NaN : values[values.length - 1];
  }

  private static String bar(double percent, int width) {
    int filled = (int) Math.round(Math.max(0, Math.min(100, percent)) / 100 * width);
    return "#".repeat(filled) + ".".repeat(width - filled);
  }

  private static String alarms(List<Alarm> alarms) {
    if (alarms.isEmpty()) {
      return "none";
    }
    StringBuilder out = new StringBuilder();
    for (Alarm a : alarms) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(a.getTier().name().replace("ALARM_", "")).append(':').append(a.getCode());
      if (a.getIndex() > 0) {
        out.append('#').append(a.getIndex());
      }
    }
    return out.toString();
  }
}
