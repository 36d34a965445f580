package io.locolink.ground.tools.depot;

import picocli.CommandLine.Command;

/** {@code locolink depot ...}: depot-side tools for a gateway's trip logs. */
@Command(name = "depot", description = "Depot tools: pull trip logs and energy records from gateways.",
    subcommands = {DepotPullCommand.class, DepotEnergyCommand.class}, mixinStandardHelpOptions = true)
public final class DepotCommand {}
