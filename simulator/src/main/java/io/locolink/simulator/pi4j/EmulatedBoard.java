package io.locolink.simulator.pi4j;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.simulator.chips.Ads1115Chip;
import io.locolink.simulator.chips.I2cChip;
import io.locolink.simulator.chips.Ina228Chip;
import io.locolink.simulator.chips.Max31865Chip;
import io.locolink.simulator.chips.SpiChip;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.LocomotiveState.DriveState;
import io.locolink.simulator.physics.LocomotiveState.GensetState;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The reference wiring of deploy/hardware.md in emulation: which chip sits at which I2C address
 * and SPI chip select, what analog voltage each ADC input sees, and which pulse train or level
 * each GPIO input carries, all computed from the simulated state.
 */
final class EmulatedBoard {

  /** Hall current transducers' reference output, volts (3.3 V supplied). */
  static final double TRANSDUCER_REFERENCE_V = 1.65;
  private static final double REFERENCE_OHM = 430;

  private final Map<String, I2cChip> i2c = new HashMap<>();
  private final Map<String, SpiChip> spi = new HashMap<>();
  private final Map<Integer, DigitalSignal> signals = new HashMap<>();

  EmulatedBoard(DevicesConfig config, Supplier<LocomotiveState> state, FaultInjector faults, EmulatedBusClock clock,
      long seed) {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    DevicesConfig.Pack pack = config.pack();
    DevicesConfig.Ntc ntc = config.ntc();
    i2c.put(SimI2CProvider.key(pack.shunt().bus(), pack.shunt().address()),
        new Ina228Chip("pack-shunt", pack.shunt().shuntOhms(), pack.shunt().busDividerRatio(), state,
            LocomotiveState::packVoltageV, LocomotiveState::packCurrentA, faults, random));
    boolean hasGenset = config.genset().present();
    i2c.put(SimI2CProvider.key(pack.analog().bus(), pack.analog().address()),
        new Ads1115Chip("pack-adc", state, clock::nanos, faults, random,
            s -> Math.min(3.3, s.insulationOhm() / 1000.0 / pack.analog().imdKohmPerVolt()),
            s -> hasGenset ? ntcVolts(s.genset().map(GensetState::coolantC).orElse(s.ambientC()), ntc) : ntc.supplyV(),
            s -> 0.0, s -> 0.0));
    for (int i = 0; i < config.drives().size(); i++) {
      DevicesConfig.Drive d = config.drives().get(i);
      int index = i;
      String id = "drive" + i;
      i2c.put(SimI2CProvider.key(d.adcBus(), d.adcAddress()), new Ads1115Chip(id + "-adc", state, clock::nanos,
          faults, random,
          s -> drive(s, index).dcLinkV() / d.dcLinkDividerRatio(),
          s -> ntcVolts(drive(s, index).coolantC(), ntc),
          s -> TRANSDUCER_REFERENCE_V + drive(s, index).dcCurrentA() / d.currentAPerVolt(),
          s -> TRANSDUCER_REFERENCE_V));
      spi.put(SimSpiProvider.key(d.spiBus(), d.windingCs()), rtd(id + "-winding", state, s -> drive(s, index).windingC(), faults, random));
      spi.put(SimSpiProvider.key(d.spiBus(), d.bearingCs()), rtd(id + "-bearing", state, s -> drive(s, index).bearingC(), faults, random));
      spi.put(SimSpiProvider.key(d.spiBus(), d.inverterCs()), rtd(id + "-inverter", state, s -> drive(s, index).inverterC(), faults, random));
      signals.put(d.speedPin(), PulseSignal.integrating(state,
          s -> Math.abs(drive(s, index).motorRpm()) / 60.0 * d.speedPulsesPerRev()));
    }
    DevicesConfig.Motion m = config.motion();
    signals.put(m.wheelPin(), new PulseSignal(state, s -> s.odometerM() / (Math.PI * m.wheelDiameterM()) * m.wheelPulsesPerRev()));
    signals.put(m.keyPin(), new LevelSignal(() -> state.get().keyOn()));
    signals.put(pack.contactorFeedbackPin(), new LevelSignal(() -> state.get().contactorClosed()));
    if (hasGenset) {
      DevicesConfig.Genset g = config.genset();
      i2c.put(SimI2CProvider.key(g.shunt().bus(), g.shunt().address()),
          new Ina228Chip("genset-shunt", g.shunt().shuntOhms(), g.shunt().busDividerRatio(), state,
              LocomotiveState::packVoltageV,
              s -> s.genset().map(gs -> gs.powerKw() * 1000 / Math.max(1, s.packVoltageV())).orElse(0.0), faults, random));
      signals.put(g.rpmPin(), PulseSignal.integrating(state,
          s -> s.genset().map(GensetState::engineRpm).orElse(0.0) / 60.0 * g.rpmPulsesPerRev()));
      signals.put(g.fuelPin(), new PulseSignal(state,
          s -> s.genset().map(GensetState::fuelUsedL).orElse(0.0) * g.fuelPulsesPerLitre()));
    }
  }

  private static Max31865Chip rtd(String id, Supplier<LocomotiveState> state, ToDoubleFunction<LocomotiveState> celsius,
      FaultInjector faults, RandomGenerator random) {
    return new Max31865Chip(id, REFERENCE_OHM, state, celsius, faults, random);
  }

  private static DriveState drive(LocomotiveState s, int index) {
    if (index >= s.drives().size()) {
      throw new IllegalStateException("the wiring names drive " + index + " but the simulated locomotive has "
          + s.drives().size() + " drives");
    }
    return s.drives().get(index);
  }

  /** The NTC divider's output: NTC to ground, pull-up to the supply, beta model. */
  static double ntcVolts(double celsius, DevicesConfig.Ntc ntc) {
    double ohm = ntc.r25Ohm() * Math.exp(ntc.beta() * (1.0 / (celsius + 273.15) - 1.0 / 298.15));
    return ntc.supplyV() * ohm / (ohm + ntc.pullUpOhm());
  }

  Map<String, I2cChip> i2cChips() {
    return i2c;
  }

  Map<String, SpiChip> spiChips() {
    return spi;
  }

  Map<Integer, DigitalSignal> signals() {
    return signals;
  }
}
