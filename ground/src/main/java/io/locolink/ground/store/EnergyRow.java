package io.locolink.ground.store;

import io.locolink.ground.store.Incoming.Content;

/**
 * One 5-minute energy record (EN 50463 compiled energy data) as the locomotive sent it.
 *
 * @param periodEndMs end of the period, Unix milliseconds
 * @param latitudeE7 null without a location
 * @param timeStatus DataStatus numbers: 1 valid, 2 uncertain, 3 missing, 4 invalid
 */
public record EnergyRow(long periodEndMs, int periodS, long consumedWh, long regeneratedWh, long depotChargeWh,
    long gensetWh, long dieselMl, long co2TankToWheelG, long co2WellToWheelG, long co2AvoidedG, int qualityWord,
    Integer latitudeE7, Integer longitudeE7, int timeStatus, int energyStatus, int locationStatus,
    String consumptionPoint) implements Content {}
