package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.config.EstimationConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * State of charge against a synthetic LFP pack (216 s x 5 p, 280 Ah cells) and a current sensor
 * with +1 % gain error and +0.5 A offset.
 */
class SocEstimatorTest {

  private static final double GAIN = 1.01;
  private static final double OFFSET_A = 0.5;
  private static final double[] CELL_SPREAD_V = {-0.002, 0.0, 0.001, 0.002};

  private final EstimationConfig config = EstimationConfig.defaults();
  private final BatteryEstimator estimator = BatteryEstimator.create(config, PackTopology.reference());
  private final SnapshotBuilder b = new SnapshotBuilder();

  private Estimates step(LfpPackModel pack, double packW) {
    double volts = pack.series * pack.cellV(0);
    double amps = packW / volts;
    pack.step(amps, 1.0);
    double[] cells = new double[CELL_SPREAD_V.length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = pack.cellV(CELL_SPREAD_V[i]);
    }
    b.advance(1.0);
    b.pack(pack.series * pack.cellV(0), amps * GAIN + OFFSET_A).cells(cells);
    return estimator.update(b.build());
  }

  @Test
  void shuntingDayFromAWrongGuessStaysWithinThreePercent() {
    // 06:00, parked since an overnight charge to 98 %; the BMS (wrongly) says 60 %.
    b.utc = Instant.parse("2026-11-25T06:00:00Z");
    b.bmsSoc = Reading.good(60);
    LfpPackModel pack = new LfpPackModel(216, 5, 1.0, 98, 1);
    ShuntingDay day = new ShuntingDay(20261125L, 1_000_000);
    Estimates e = step(pack, 0);
    assertTrue(Math.abs(e.socPercent() - pack.socPercent) > 30, "the first guess is far off");
    boolean corrected = false;
    for (int s = 0; s < 40 * 60; s++) { // 40 min rest before the first move
      e = step(pack, 0);
      corrected |= Math.abs(e.socPercent() - pack.socPercent) <= 3;
    }
    assertTrue(corrected, "an OCV correction at the top of the curve within 40 min of rest");
    double startSoc = pack.socPercent;
    double worst = 0;
    for (int s = 0; s < 8 * 3600; s++) { // an 8-hour shunting shift
      e = step(pack, day.nextSecondW());
      worst = Math.max(worst, Math.abs(e.socPercent() - pack.socPercent));
    }
    assertTrue(startSoc - pack.socPercent > 50, "the day used over half the pack: " + (startSoc - pack.socPercent));
    assertTrue(worst <= 3.0, "worst SoC error over the day " + worst + " %");
    double finalError = Math.abs(e.socPercent() - pack.socPercent);
    assertTrue(e.socUncertaintyPercent() >= finalError,
        "uncertainty " + e.socUncertaintyPercent() + " covers the error " + finalError);
  }

  @Test
  void restOnTheFlatPartOfTheCurveDoesNotCorrect() {
    // Truth 55 %, BMS says 70 %: the OCV at 55 % cannot tell 55 from 70 to within 3 %.
    b.bmsSoc = Reading.good(70);
    LfpPackModel pack = new LfpPackModel(216, 5, 1.0, 55, -1);
    Estimates e = step(pack, 0);
    for (int s = 0; s < 90 * 60; s++) {
      e = step(pack, 0);
    }
    assertEquals(70.0, e.socPercent(), 0.2);
    assertTrue(e.socUncertaintyPercent() >= 30, "uncertainty stays as large as the first guess's");
  }

  @Test
  void restNearEmptyCorrectsAndShrinksTheUncertainty() {
    // Truth 8 % after a discharge; BMS says 30 %. On 5-18 % the curve has 6.2 mV per percent.
    b.bmsSoc = Reading.good(30);
    LfpPackModel pack = new LfpPackModel(216, 5, 1.0, 8, -1);
    Estimates e = step(pack, 0);
    for (int s = 0; s < 40 * 60; s++) {
      e = step(pack, 0);
    }
    // OCV sigma = 15 mV / 6.15 mV/% = 2.4 %; fused with 30 %: the estimate lands within ~3 %.
    assertEquals(pack.socPercent, e.socPercent(), 3.0);
    assertTrue(e.socUncertaintyPercent() < 3.0, "uncertainty " + e.socUncertaintyPercent());
  }

  @Test
  void aFlaggedCurrentHoldsTheLastValueAndWidensTheUncertainty() {
    b.bmsSoc = Reading.good(50);
    b.pack(700, 280); // 0.2 C discharge
    Estimates first = estimator.update(b.build());
    b.advance(1);
    Estimates good = estimator.update(b.build());
    double goodGrowth = good.socUncertaintyPercent() - first.socUncertaintyPercent();
    b.packA = Reading.flagged(0, io.locolink.gateway.acquisition.QualityFlag.TIMEOUT);
    b.advance(1);
    Estimates held = estimator.update(b.build());
    b.advance(1);
    Estimates flagged = estimator.update(b.build());
    // counting holds 280 A: 280 A x 1 s / 3600 / 1400 Ah = 0.005556 % per second
    double percentPerAs = 1.0 / 3600 / 1400 * 100;
    assertEquals(280 * percentPerAs, held.socPercent() - flagged.socPercent(), 1e-9);
    // Each second adds the sensor's error, (gain x 280 A + offset) x 1 s, with the 1 A offset drifting
    // 0.5 A/h since the BMS seeded the estimate; and 20 % (the unmeasured capacity's sigma) of the
    // 280 A s counted. Good second (1 s after the seed): (1 % x 280 + 1 + 0.5/3600) + 0.2 x 280.
    assertEquals((0.01 * 280 + 1 + 0.5 / 3600 + 0.2 * 280) * percentPerAs, goodGrowth, 1e-9);
    // flagged second (3 s after the seed): the whole held current is error, (280 + 1 + 1.5/3600) + 0.2 x 280.
    assertEquals((280.0 + 1 + 1.5 / 3600 + 0.2 * 280) * percentPerAs,
        flagged.socUncertaintyPercent() - held.socUncertaintyPercent(), 1e-9);
  }

  @Test
  void healthFromCapacitySeenBetweenTopAndBottom() {
    // The pack has lost 10 % of its capacity: 1260 Ah instead of the rated 1400 Ah.
    b.bmsSoc = Reading.good(50);
    LfpPackModel pack = new LfpPackModel(216, 5, 0.9, 99, 1);
    Estimates e = step(pack, 0);
    for (int s = 0; s < 35 * 60; s++) {
      e = step(pack, 0);
    }
    while (pack.socPercent > 8) {
      e = step(pack, 200_000);
    }
    for (int s = 0; s < 35 * 60; s++) {
      e = step(pack, 0);
    }
    assertEquals(90.0, e.sohPercent(), 3.0);
  }

  @Test
  void aLearnedCapacityIsOfferedForKeepingAndARestartStartsFromIt() {
    // The pack has lost 10 % of its capacity: 1260 Ah instead of the rated 1400 Ah; the BMS says 100 %.
    b.bmsSoc = Reading.good(50);
    LfpPackModel pack = new LfpPackModel(216, 5, 0.9, 99, 1);
    step(pack, 0);
    assertTrue(estimator.learnedCapacity().isEmpty(), "nothing learned before two OCV readings far apart");
    for (int s = 0; s < 35 * 60; s++) {
      step(pack, 0);
    }
    while (pack.socPercent > 8) {
      step(pack, 200_000);
    }
    for (int s = 0; s < 35 * 60; s++) {
      step(pack, 0);
    }
    LearnedCapacity learned = estimator.learnedCapacity().orElseThrow();
    assertEquals(1400.0, learned.ratedAh(), 1e-9, "the reference pack's rating: 5 x 280 Ah");
    assertEquals(90.0, learned.sohPercent(), 3.0);
    assertTrue(learned.sigmaPercent() < 100 * 0.20, "narrower than the 20 % prior: " + learned.sigmaPercent());

    BatteryEstimator restarted = BatteryEstimator.create(config, PackTopology.reference());
    assertTrue(restarted.useLearnedCapacity(learned));
    SnapshotBuilder after = new SnapshotBuilder();  // its BMS says SoH 100 %
    Estimates first = restarted.update(after.build());
    after.advance(1);
    Estimates second = restarted.update(after.build());
    assertEquals(learned.sohPercent(), first.sohPercent(), 1e-9, "the restart starts from what was learned");
    assertEquals(learned.sohPercent(), second.sohPercent(), 1e-9, "and the BMS's 100 % does not replace it");
    assertEquals(learned, restarted.learnedCapacity().orElseThrow(), "still learned, nothing new to keep");

    BatteryEstimator otherPack = BatteryEstimator.create(config, PackTopology.reference());
    assertTrue(!otherPack.useLearnedCapacity(new LearnedCapacity(1000, 90, 2)),
        "a capacity learned for a 1000 Ah pack does not fit a 1400 Ah one");
  }

  @Test
  void aBmsThatAnswersAfterTheFirstCycleStillSeedsTheFirstGuess() {
    b.bmsSoc = Reading.flagged(Double.NaN, io.locolink.gateway.acquisition.QualityFlag.STALE);
    b.pack(700, 0);
    Estimates unknown = estimator.update(b.build());
    assertEquals(50.0, unknown.socUncertaintyPercent(), 1e-9, "no BMS yet: nothing known");
    b.bmsSoc = Reading.good(80);
    b.advance(1);
    Estimates seeded = estimator.update(b.build());
    assertEquals(80.0, seeded.socPercent(), 1e-9);
    assertTrue(seeded.socUncertaintyPercent() < 50.0, "uncertainty " + seeded.socUncertaintyPercent());
    b.bmsSoc = Reading.good(20);
    b.advance(1);
    assertEquals(80.0, estimator.update(b.build()).socPercent(), 1e-9, "seeded once, then counted");
  }
}
