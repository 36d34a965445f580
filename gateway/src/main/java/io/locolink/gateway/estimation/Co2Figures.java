package io.locolink.gateway.estimation;

/**
 * CO2 of some stretch of operation, ours and a diesel locomotive's doing the same work, grams.
 *
 * @param tankToWheelG our genset's diesel burned on board
 * @param wellToWheelG tank-to-wheel plus diesel production and the grid's emissions for depot charge
 * @param dieselTankToWheelG a diesel locomotive's on-board emissions for the same work and idling
 * @param dieselWellToWheelG the same including diesel production
 * @param avoidedG {@code dieselWellToWheelG - wellToWheelG}; negative when we emitted more
 */
public record Co2Figures(
    double tankToWheelG,
    double wellToWheelG,
    double dieselTankToWheelG,
    double dieselWellToWheelG,
    double avoidedG) {}
