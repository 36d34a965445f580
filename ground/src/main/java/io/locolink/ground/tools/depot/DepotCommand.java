package io.locolink.ground.tools.depot;

import picocli.CommandLine.Command;

/** {@code locolink depot ...}: depot-side tools for a gateway's trip logs. */
@Command(name = "depot", description = "Depot tools: pull trip logs from a gateway.",
    subcommands = {DepotPullCommand.class}, mixinStandardHelpOptions = true)
public final class DepotCommand {}
