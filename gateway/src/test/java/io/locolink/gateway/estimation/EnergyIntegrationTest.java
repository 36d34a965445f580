package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.config.EstimationConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Energy integration against hand-computed sums of the rectangle rule. */
class EnergyIntegrationTest {

  private final BatteryEstimator estimator = BatteryEstimator.create(EstimationConfig.defaults(), PackTopology.reference());
  private final SnapshotBuilder b = new SnapshotBuilder();

  @Test
  void voltageRampAtConstantCurrentIntegratesWithTheRectangleRule() {
    b.utc = Instant.parse("2026-11-25T08:00:00Z");
    b.speed(20).drive(700, 120);
    // Samples k = 0..600 at 10 Hz; V(k) = 650 + 0.5 k volts, I = 100 A.
    // Rectangle: E = sum_{k=0}^{599} (650 + 0.5 k) * 100 * 0.1 = 10 * (600*650 + 0.5*599*600/2)
    //              = 10 * (390000 + 89850) = 4 798 500 J = 1332.916666... Wh.
    // (The trapezoid rule would give 4 800 000 J = 1333.33 Wh.)
    for (int k = 0; k <= 600; k++) {
      b.pack(650 + 0.5 * k, 100);
      estimator.update(b.build());
      b.advance(0.1);
    }
    assertEquals(4_798_500.0 / 3600.0, estimator.registers().consumedWh(), 1e-9);
    assertEquals(0.0, estimator.registers().regeneratedWh(), 0.0);
  }

  @Test
  void chargeIsSplitIntoBrakingDepotAndGenset() {
    // 1) Moving, drives braking (-160 A at 700 V = -112 kW), battery takes -150 A at 700 V
    //    for 50 intervals of 0.1 s: regenerated = 700*150*5 = 525 000 J = 145.8333 Wh.
    b.speed(15).drive(700, -160).pack(700, -150);
    feed(50, 0.1);
    // 2) Standstill, no genset, charger pushes -300 A at 720 V for 120 intervals of 1 s:
    //    depot = 720*300*120 = 25 920 000 J = 7200 Wh exactly.
    b.speed(0).drive(720, 0).pack(720, -300);
    feed(120, 1.0);
    // 3) Standstill, genset running at 200 kW, battery takes -100 A at 700 V for 30 s:
    //    genset charge = 700*100*30 = 2 100 000 J; genset output = 200 000*30 = 6 000 000 J.
    b.genset(true, 200, 0).pack(700, -100);
    feed(30, 1.0);
    b.genset(false, 0, 0);
    estimator.update(b.build());
    EnergyTotals r = estimator.registers();
    assertEquals(525_000.0, r.regeneratedJ(), 1e-6);
    assertEquals(25_920_000.0, r.depotChargeJ(), 1e-6);
    assertEquals(2_100_000.0, r.gensetChargeJ(), 1e-6);
    assertEquals(6_000_000.0, r.gensetOutputJ(), 1e-6);
    assertEquals(0.0, r.consumedJ(), 0.0);
  }

  @Test
  void flaggedCurrentHoldsTheLastGoodValue() {
    b.speed(10).drive(700, 200).pack(700, 200);
    feed(10, 0.1);
    // A bus error returns garbage; the meter must hold 200 A, not integrate 9999 A.
    b.packA = io.locolink.gateway.acquisition.Reading.flagged(9999, io.locolink.gateway.acquisition.QualityFlag.BUS_ERROR);
    feed(5, 0.1);
    b.pack(700, 200);
    estimator.update(b.build());
    // 15 intervals of 0.1 s at 140 kW = 210 000 J.
    assertEquals(210_000.0, estimator.registers().consumedJ(), 1e-6);
  }

  @Test
  void tripAndDayAreDifferencesOfTheRegisters() {
    b.speed(10).drive(700, 200).pack(720, 250);
    feed(100, 0.1);
    estimator.startTrip();
    feed(50, 0.1);
    Estimates e = estimator.update(b.build());
    // 151 snapshots, 150 intervals of 0.1 s at 180 kW: 2 700 000 J = 750 Wh today. The trip
    // starts at the snapshot before startTrip(), so it holds the last 51 intervals = 255 Wh.
    assertEquals(750.0, e.todayConsumedWh(), 1e-9);
    assertEquals(255.0, e.tripConsumedWh(), 1e-9);
  }

  @Test
  void aTripsFiguresStopAtItsEndAndAreZeroBeforeTheFirst() {
    b.speed(10).drive(700, 200).pack(720, 250);   // 720 V x 250 A = 180 kW out of the battery
    feed(20, 0.1);
    assertEquals(0.0, estimator.update(b.build()).tripConsumedWh(), 0.0, "no trip has started");
    b.advance(0.1);
    estimator.startTrip();
    feed(40, 0.1);
    estimator.endTrip();
    // the trip: 40 intervals of 0.1 s at 180 kW = 720 000 J = 200 Wh
    b.pack(720, 50);    // standing between trips: 36 kW that belongs to no trip
    feed(30, 0.1);
    Estimates e = estimator.update(b.build());
    assertEquals(200.0, e.tripConsumedWh(), 1e-9, "the ended trip's energy, not what followed it");
    // the day: 92 snapshots, each holding its power to the next: 61 intervals of 0.1 s at 180 kW
    // (1 098 000 J) and 30 at 36 kW (108 000 J) = 1 206 000 J = 335 Wh
    assertEquals(335.0, e.todayConsumedWh(), 1e-9);
    estimator.startTrip();
    b.advance(0.1);
    assertEquals(1.0, estimator.update(b.build()).tripConsumedWh(), 1e-9,
        "the next trip counts afresh: one interval of 0.1 s at 36 kW = 3 600 J = 1 Wh");
  }

  private void feed(int samples, double dtS) {
    for (int i = 0; i < samples; i++) {
      estimator.update(b.build());
      b.advance(dtS);
    }
  }
}
