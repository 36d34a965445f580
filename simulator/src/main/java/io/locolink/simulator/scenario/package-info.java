/**
 * Scenarios: duty cycles (shunting, line haul, depot charging, standby) read from YAML files or
 * built in, and the runner that steps the physics through them on its own thread. May use {@code
 * physics}, the gateway's {@code config} (its YAML reader, so that the gateway's process reads scenario
 * files as it reads its configuration), Jackson's streaming generator and picocli ({@code scenario}
 * command). Used by {@code faults}, {@code pi4j}, {@code fleet} and {@code app}.
 */
package io.locolink.simulator.scenario;
