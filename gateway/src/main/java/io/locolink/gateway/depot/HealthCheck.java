package io.locolink.gateway.depot;

/**
 * One line of {@code /health}: a part of the gateway and whether it is well.
 *
 * @param name the part: {@code devices}, {@code journal}, {@code uplink}, {@code clock}, {@code storage}
 * @param ok whether it is well
 * @param detail what was found, for a person reading the answer (never a secret)
 */
public record HealthCheck(String name, boolean ok, String detail) {}
