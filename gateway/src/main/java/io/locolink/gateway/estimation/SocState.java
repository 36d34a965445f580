package io.locolink.gateway.estimation;

/**
 * The state-of-charge estimate after one snapshot.
 *
 * @param socPercent estimate, percent
 * @param sigmaPercent one-sigma uncertainty, percent
 * @param sohPercent state of health (usable capacity / rated), percent
 * @param ocvCorrected an OCV correction was applied with this snapshot
 * @param seeded the estimate has been informed by the BMS's SoC or an OCV reading (until then it
 *     is the no-information guess of 50 %)
 */
public record SocState(double socPercent, double sigmaPercent, double sohPercent, boolean ocvCorrected,
    boolean seeded) {}
