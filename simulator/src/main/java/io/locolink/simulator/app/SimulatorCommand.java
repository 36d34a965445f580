package io.locolink.simulator.app;

import io.locolink.simulator.fleet.FleetCommand;
import io.locolink.simulator.scenario.ScenarioCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code locolink simulator}: the simulator's own tools (scenario runs, fleet load). */
@Command(name = "simulator", mixinStandardHelpOptions = true,
    description = "Simulator tools: run a scenario headless, or load a broker with a fleet.",
    subcommands = {ScenarioCommand.class, FleetCommand.class})
public final class SimulatorCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
