package io.locolink.gateway.devices;

/**
 * The BMS's summary registers.
 *
 * @param socPercent state of charge, percent
 * @param sohPercent state of health, percent
 * @param insulationKohm insulation resistance, kilo-ohms
 * @param contactorCode 0 open, 1 precharge, 2 closed; anything else is unknown
 */
public record BmsStatus(double socPercent, double sohPercent, double insulationKohm, int contactorCode) {}
