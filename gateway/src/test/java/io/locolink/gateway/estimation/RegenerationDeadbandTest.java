package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.EstimationConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Drive-current noise is not regeneration. A hybrid shunter stands still with its genset charging
 * the battery; its six drives carry no current, and their readings show what the ADS1115 reading
 * the current transducer shows at rest: a differential offset of up to 3 LSB and about 1 LSB RMS of
 * noise (TI SBAS444; 1 LSB = 62.5 uV at +-2.048 V, 0.05 A through the reference 800 A/V
 * transducer). Physics says no braking energy flowed, so the period books 0 Wh regenerated and the
 * whole inflow to the genset. The same readings without the deadband book noise as braking, which
 * is what the deadband is for; real braking currents (hundreds of amperes) are counted in full.
 */
class RegenerationDeadbandTest {

  private static final double PACK_V = 720;
  private static final double DC_LINK_V = 720;
  /** The genset charges the pack at 100 kW: -138.9 A at 720 V. */
  private static final double CHARGE_A = -100_000 / PACK_V;
  private static final double LSB_A = 62.5e-6 * 800;

  private final double deadbandA = DeviceAcquisition.driveCurrentDeadbandA(DevicesConfig.withDrives(6, true));

  @Test
  void theDeadbandIsTheAdcsOffsetAndNoiseThroughTheTransducer() {
    // 3 LSB of offset + 3 x 1 LSB RMS of noise, at 62.5 uV per LSB and 800 A/V
    assertEquals(6 * LSB_A, deadbandA, 1e-12);
  }

  @Test
  void drivesAtRestBookNoRegenerationWhileTheGensetCharges() {
    EnergyPeriod withDeadband = period(BatteryEstimator.create(EstimationConfig.defaults(),
        PackTopology.reference(), deadbandA), 0, 0);
    // 100 kW for 300 s = 8333.3 Wh into the pack, all of it the genset's
    assertEquals(0, withDeadband.regeneratedWh(), "no braking at standstill: " + withDeadband);
    assertEquals(0, withDeadband.depotChargeWh(), "the genset runs: not a depot charger");
    assertEquals(0, withDeadband.consumedWh(), "the pack only charged");

    EnergyPeriod without = period(BatteryEstimator.create(EstimationConfig.defaults(),
        PackTopology.reference()), 0, 0);
    assertTrue(without.regeneratedWh() >= 1, "without it, the readings' offset and noise are booked as braking: "
        + without);
  }

  @Test
  void realBrakingIsCountedInFull() {
    // braking at 12 km/h: the six drives return 20 A each at 720 V (86.4 kW) while the genset tops up the rest; their
    // readings' offsets (-3, -2 ... +2 LSB: -3 LSB net, -0.15 A) add 108 W: 86.508 kW of the
    // 100 kW inflow is braking, for 300 s = 7209 Wh
    EnergyPeriod braking = period(BatteryEstimator.create(EstimationConfig.defaults(),
        PackTopology.reference(), deadbandA), 12, -20);
    assertEquals(7_209, braking.regeneratedWh(), 2);
  }

  /**
   * One complete period at {@code speedKmh}, genset running and charging, each drive reading
   * {@code driveA} plus the ADC's offset (drive i: -3..+2 LSB) and Gaussian noise of 1 LSB RMS.
   */
  private static EnergyPeriod period(BatteryEstimator estimator, double speedKmh, double driveA) {
    SnapshotBuilder b = new SnapshotBuilder();
    b.utc = Instant.parse("2026-01-20T06:00:00Z");
    b.pack(PACK_V, CHARGE_A).speed(speedKmh).fixAged(0);
    SplittableRandom noise = new SplittableRandom(20260120);
    List<EnergyPeriod> closed = new ArrayList<>();
    for (int i = 0; i <= 3000; i++) {
      List<DriveReadings> drives = new ArrayList<>();
      for (int d = 0; d < 6; d++) {
        double offsetA = (d - 3) * LSB_A;
        double amps = driveA + offsetA + noise.nextGaussian() * LSB_A;
        drives.add(SnapshotBuilder.drive(d, DC_LINK_V, Math.rint(amps / LSB_A) * LSB_A, 40, 30, 35));
      }
      b.drives = drives;
      b.genset(true, 120, 1000 + i * 1e-3);
      closed.addAll(estimator.update(b.build()).closedPeriods());
      b.advance(0.1);
    }
    assertEquals(1, closed.size(), "one complete period");
    assertEquals(0, closed.get(0).qualityWord() & EnergyPeriod.EnergyQuality.INCOMPLETE_PERIOD.bit());
    return closed.get(0);
  }
}
