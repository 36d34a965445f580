package io.locolink.gateway.estimation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the readings of one cycle mean, and the events they closed.
 *
 * @param socPercent the gateway's state-of-charge estimate, percent
 * @param socUncertaintyPercent one-sigma uncertainty of that estimate, percent
 * @param sohPercent state of health, percent
 * @param cells cell statistics
 * @param tripConsumedWh energy out of the battery in the trip running, else in the last trip that
 *     ended (0 before any), watt-hours
 * @param tripRegeneratedWh energy regenerated in the same trip, watt-hours
 * @param todayConsumedWh energy out of the battery this UTC day, watt-hours
 * @param todayRegeneratedWh energy regenerated this UTC day, watt-hours
 * @param activeAlarms alarms active now
 * @param highestTier the most severe active tier, empty when none is active
 * @param co2AvoidedTodayG CO2 avoided this UTC day against diesel, grams; may be negative
 * @param closedPeriods energy periods that closed with this cycle (usually none)
 * @param alarmEvents alarm events of this cycle (usually none)
 * @param registers the energy meter's cumulative registers after this cycle: every energy figure
 *     (periods, days, trips) is a difference of two of these, integrated by one rule
 * @param socSeeded {@code socPercent} has been informed by the BMS or an OCV reading; before that it
 *     is the no-information guess and no record should take it as the battery's state
 */
public record Estimates(
    double socPercent,
    double socUncertaintyPercent,
    double sohPercent,
    CellStats cells,
    double tripConsumedWh,
    double tripRegeneratedWh,
    double todayConsumedWh,
    double todayRegeneratedWh,
    int activeAlarms,
    Optional<AlarmTier> highestTier,
    double co2AvoidedTodayG,
    List<EnergyPeriod> closedPeriods,
    List<AlarmEvent> alarmEvents,
    EnergyTotals registers,
    boolean socSeeded) {

  public Estimates {
    closedPeriods = List.copyOf(closedPeriods);
    alarmEvents = List.copyOf(alarmEvents);
    Objects.requireNonNull(registers, "registers");
  }
}
