package io.locolink.ground.tools.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small inline-SVG line chart: axes with ticks, one polyline per series, optional vertical
 * markers (alarms). Series longer than {@link #MAX_POINTS} are reduced to the minimum and maximum
 * of each bucket, so peaks survive. No scripts, no external references. Not thread-safe.
 */
final class SvgChart {

  static final int MAX_POINTS = 1200;
  private static final int W = 560;
  private static final int H = 220;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 28;
  private static final int BOTTOM = 36;
  static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};

  record Series(String name, double[] y) {}

  record Marker(double x, String label, String colour) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final double[] x;
  private final List<Series> series = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();

  SvgChart(String title, String xLabel, String yLabel, double[] x) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.x = x;
  }

  SvgChart add(String name, double[] y) {
    series.add(new Series(name, y));
    return this;
  }

  SvgChart marker(double atX, String label, String colour) {
    markers.add(new Marker(atX, label, colour));
    return this;
  }

  String render() {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      for (Series s : series) {
        if (Double.isFinite(s.y[i]) && Double.isFinite(x[i])) {
          xMin = Math.min(xMin, x[i]);
          xMax = Math.max(xMax, x[i]);
          yMin = Math.min(yMin, s.y[i]);
          yMax = Math.max(yMax, s.y[i]);
        }
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
        W, H, W, H));
    svg.append("<title>").append(Html.escape(title)).append("</title>");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"t\">%s</text>", LEFT, Html.escape(title)));
    if (!Double.isFinite(xMin)) {
      svg.append("<text x=\"200\" y=\"110\">no data</text></svg>");
      return svg.toString();
    }
    if (yMax - yMin < 1e-9) {
      yMax += 1;
      yMin -= 1;
    }
    if (xMax - xMin < 1e-9) {
      xMax += 1;
    }
    double pad = (yMax - yMin) * 0.05;
    yMin -= pad;
    yMax += pad;
    Scale sx = new Scale(xMin, xMax, LEFT, W - RIGHT);
    Scale sy = new Scale(yMin, yMax, H - BOTTOM, TOP);
    axes(svg, sx, sy);
    for (Marker m : markers) {
      if (m.x >= xMin && m.x <= xMax) {
        double px = sx.map(m.x);
        svg.append(String.format(Locale.ROOT,
            "<line class=\"alarm\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"3,2\">"
                + "<title>%s</title></line>", px, TOP, px, H - BOTTOM, m.colour, Html.escape(m.label)));
      }
    }
    for (int k = 0; k < series.size(); k++) {
      svg.append("<polyline fill=\"none\" stroke-width=\"1.3\" stroke=\"").append(COLOURS[k % COLOURS.length])
          .append("\" points=\"");
      appendPoints(svg, series.get(k).y, sx, sy);
      svg.append("\"><title>").append(Html.escape(series.get(k).name)).append("</title></polyline>");
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" fill=\"%s\" class=\"l\">%s</text>",
          W - RIGHT - 110 * (series.size() - k), COLOURS[k % COLOURS.length], Html.escape(series.get(k).name)));
    }
    svg.append("</svg>");
    return svg.toString();
  }

  private void appendPoints(StringBuilder svg, double[] y, Scale sx, Scale sy) {
    int n = x.length;
    int bucket = Math.max(1, (n + MAX_POINTS / 2 - 1) / (MAX_POINTS / 2));
    for (int start = 0; start < n; start += bucket) {
      int end = Math.min(n, start + bucket);
      int lo = -1;
      int hi = -1;
      for (int i = start; i < end; i++) {
        if (!Double.isFinite(y[i]) || !Double.isFinite(x[i])) {
          continue;
        }
        if (lo < 0 || y[i] < y[lo]) {
          lo = i;
        }
        if (hi < 0 || y[i] > y[hi]) {
          hi = i;
        }
      }
      if (lo < 0) {
        continue;
      }
      int first = Math.min(lo, hi);
      int second = Math.max(lo, hi);
      svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(x[first]), sy.map(y[first])));
      if (second != first) {
        svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(x[second]), sy.map(y[second])));
      }
    }
  }

  private void axes(StringBuilder svg, Scale sx, Scale sy) {
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>", LEFT,
        TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
    for (double t : ticks(sx.lo, sx.hi)) {
      double px = sx.map(t);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/><text x=\"%.1f\" y=\"%d\" class=\"tx\">%s</text>",
          px, TOP, px, H - BOTTOM, px, H - BOTTOM + 14, label(t)));
    }
    for (double t : ticks(sy.lo, sy.hi)) {
      double py = sy.map(t);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"ty\">%s</text>",
          LEFT, py, W - RIGHT, py, LEFT - 4, py + 4, label(t)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"ax\">%s</text>", (LEFT + W) / 2, H - 4,
        Html.escape(xLabel)));
    svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" class=\"ax\" transform=\"rotate(-90 12 %d)\">%s</text>",
        (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2, Html.escape(yLabel)));
  }

  static List<Double> ticks(double lo, double hi) {
    double span = hi - lo;
    double raw = span / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / mag >= 5 ? 5 * mag : raw / mag >= 2 ? 2 * mag : mag;
    List<Double> out = new ArrayList<>();
    for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return out;
  }

  private static String label(double v) {
    if (Math.abs(v) >= 1000 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private record Scale(double lo, double hi, double pxLo, double pxHi) {
    double map(double v) {
      return pxLo + (v - lo) / (hi - lo) * (pxHi - pxLo);
    }
  }
}
