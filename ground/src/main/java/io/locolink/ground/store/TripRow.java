package io.locolink.ground.store;

import io.locolink.ground.store.Incoming.Content;

/**
 * One trip summary as the locomotive sent it (times in Unix milliseconds, temperatures in 0.1 degC;
 * a temperature the summary leaves out, never read good, is null).
 */
public record TripRow(String tripId, long startMs, long endMs, long distanceM, long consumedWh, long regeneratedWh,
    int socStartPm, int socEndPm, Integer minCellTempDc, Integer maxCellTempDc, Integer maxMotorTempDc, int alarms,
    long co2AvoidedG, long dieselMl, long frames) implements Content {}
