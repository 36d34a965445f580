package io.locolink.ground.tools;

import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.FlaggedValues;
import io.locolink.proto.v1.Channel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A decoded frame with only the values the gateway vouches for: each value the frame's quality
 * entries flag ({@link FlaggedValues}, the rule of the ground's per-second rows) is NaN, unknown,
 * like a value the frame does not carry. The watch views show it as {@link Views#UNKNOWN}, the trip
 * report leaves it out of its charts and extremes and the export leaves its field empty. A fast
 * channel's flag covers its whole series (the wire does not say which sample). Immutable.
 *
 * @param frame the frame with its flagged values NaN; its {@code state} (the gateway's estimates and
 *     its statistics over the good cells), counters, position and quality entries as they came
 * @param insulationKohm the insulation resistance, kilo-ohm, NaN when flagged
 * @param engineRpm the genset's engine speed, rpm, NaN when flagged or when the frame has no genset
 */
public record GoodValues(DecodedFrame frame, double insulationKohm, double engineRpm) {

  /** The good values of {@code f}. */
  public static GoodValues of(DecodedFrame f) {
    FlaggedValues flagged = FlaggedValues.of(f.quality());
    List<DecodedFrame.Drive> drives = new ArrayList<>(f.drives().size());
    for (DecodedFrame.Drive d : f.drives()) {
      int i = d.index();
      drives.add(new DecodedFrame.Drive(i, series(d.currentA(), flagged.good(Channel.CHANNEL_DRIVE_CURRENT, i)),
          series(d.speedRpm(), flagged.good(Channel.CHANNEL_DRIVE_SPEED, i)),
          value(d.dcLinkV(), flagged.good(Channel.CHANNEL_DC_LINK_VOLTAGE, i)),
          value(d.windingC(), flagged.good(Channel.CHANNEL_WINDING_TEMPERATURE, i)),
          value(d.bearingC(), flagged.good(Channel.CHANNEL_BEARING_TEMPERATURE, i)),
          value(d.inverterC(), flagged.good(Channel.CHANNEL_INVERTER_TEMPERATURE, i)),
          value(d.coolantC(), flagged.good(Channel.CHANNEL_COOLANT_TEMPERATURE, i))));
    }
    DecodedFrame.Genset g = f.genset();
    boolean gensetGood = flagged.good(Channel.CHANNEL_GENSET, 0);
    DecodedFrame.Genset genset = g == null ? null : new DecodedFrame.Genset(g.running(), g.engineRpm(),
        value(g.powerKw(), gensetGood), value(g.fuelFlowLph(), flagged.good(Channel.CHANNEL_FUEL_FLOW, 0)),
        g.fuelUsedL(), value(g.coolantC(), gensetGood));
    boolean bmsGood = flagged.good(Channel.CHANNEL_BMS, 0);
    DecodedFrame good = new DecodedFrame(f.locomotiveId(), f.bootId(), f.sequence(), f.timeUnixMs(), f.clock(),
        f.historical(), f.spanMs(), f.sampleOffsetMs(),
        series(f.packVoltageV(), flagged.good(Channel.CHANNEL_PACK_VOLTAGE, 0)),
        series(f.packCurrentA(), flagged.good(Channel.CHANNEL_PACK_CURRENT, 0)),
        each(f.cellVoltagesV(), flagged, Channel.CHANNEL_CELL_VOLTAGE),
        each(f.cellTemperaturesC(), flagged, Channel.CHANNEL_CELL_TEMPERATURE),
        value(f.bmsSocPercent(), bmsGood), value(f.bmsSohPercent(), bmsGood), f.insulationKohm(), f.contactor(),
        List.copyOf(drives), genset, series(f.speedKmh(), flagged.good(Channel.CHANNEL_WHEEL_SPEED, 0)),
        f.odometerM(), f.position(), f.state(), f.quality(), f.cells());
    return new GoodValues(good, value(f.insulationKohm(), flagged.good(Channel.CHANNEL_INSULATION, 0)),
        g == null ? Double.NaN : value(g.engineRpm(), gensetGood));
  }

  private static double value(double v, boolean good) {
    return good ? v : Double.NaN;
  }

  /** The series as it is, or as many NaNs when its channel is flagged. */
  private static double[] series(double[] values, boolean good) {
    if (good) {
      return values;
    }
    double[] unknown = new double[values.length];
    Arrays.fill(unknown, Double.NaN);
    return unknown;
  }

  /** A copy of {@code values} (by index: cell or sensor number) with each flagged one NaN. */
  private static double[] each(double[] values, FlaggedValues flagged, Channel channel) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (!flagged.good(channel, i)) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }
}
