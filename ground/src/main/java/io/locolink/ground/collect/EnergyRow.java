package io.locolink.ground.collect;

import io.locolink.proto.v1.EnergyQualityBit;
import io.locolink.proto.v1.EnergyRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One EN 50463 energy period as an energy-settlement office reads it: start and end in UTC, the
 * energy by direction and by source in whole watt-hours (the record's own resolution), the data
 * statuses and the quality word with its bits named. Position in degrees as exact decimals of the
 * 1e-7 integers.
 *
 * @param locomotiveId the locomotive
 * @param consumptionPointId the energy measurement point
 * @param periodStart start of the period, UTC
 * @param periodEnd end of the period, UTC
 * @param consumedWh energy drawn from the battery into the DC bus, Wh
 * @param regeneratedWh energy returned to the battery by braking, Wh
 * @param depotChargeWh energy into the battery from the depot charger, Wh
 * @param gensetWh energy delivered by the genset, Wh
 * @param dieselMl diesel burnt, ml
 * @param timeStatus EN 50463 data status of the time ({@code VALID}, {@code UNCERTAIN}, {@code MISSING}...)
 * @param energyStatus data status of the energy values
 * @param locationStatus data status of the position
 * @param qualityWord OR of {@code 1 << EnergyQualityBit}
 * @param qualityFlags the bits of the quality word by name, {@code |}-separated; empty when none
 * @param latitudeDeg latitude, degrees; null without a position
 * @param longitudeDeg longitude, degrees; null without a position
 */
public record EnergyRow(String locomotiveId, String consumptionPointId, Instant periodStart, Instant periodEnd,
    long consumedWh, long regeneratedWh, long depotChargeWh, long gensetWh, long dieselMl, String timeStatus,
    String energyStatus, String locationStatus, int qualityWord, String qualityFlags, BigDecimal latitudeDeg,
    BigDecimal longitudeDeg) {

  /** The CSV header, in the order of {@link #csv()}. */
  public static final String CSV_HEADER = "locomotive,consumption_point,period_start_utc,period_end_utc,consumed_wh,"
      + "regenerated_wh,depot_charge_wh,genset_wh,diesel_ml,time_status,energy_status,location_status,quality_word,"
      + "quality_flags,latitude_deg,longitude_deg";

  /** The row of one record. */
  public static EnergyRow of(EnergyRecord r) {
    Instant end = Instant.ofEpochSecond(r.getPeriodEndUnixS());
    boolean located = r.hasLocation() && (r.getLocation().getLatitudeE7() != 0 || r.getLocation().getLongitudeE7() != 0);
    return new EnergyRow(r.getHeader().getLocomotiveId(), r.getConsumptionPointId(), end.minusSeconds(r.getPeriodS()),
        end, r.getConsumedWh(), r.getRegeneratedWh(), r.getDepotChargeWh(), r.getGensetWh(), r.getDieselMl(),
        status(r.getTimeStatus().name()), status(r.getEnergyStatus().name()), status(r.getLocationStatus().name()),
        r.getQualityWord(), flags(r.getQualityWord()),
        located ? BigDecimal.valueOf(r.getLocation().getLatitudeE7(), 7).stripTrailingZeros() : null,
        located ? BigDecimal.valueOf(r.getLocation().getLongitudeE7(), 7).stripTrailingZeros() : null);
  }

  /** This row as one CSV line (RFC 4180; no field needs quoting except the point id, which is quoted if it must). */
  public String csv() {
    return String.join(",", quote(locomotiveId), quote(consumptionPointId), periodStart.toString(), periodEnd.toString(),
        Long.toString(consumedWh), Long.toString(regeneratedWh), Long.toString(depotChargeWh), Long.toString(gensetWh),
        Long.toString(dieselMl), timeStatus, energyStatus, locationStatus, Integer.toString(qualityWord), qualityFlags,
        latitudeDeg == null ? "" : latitudeDeg.toPlainString(), longitudeDeg == null ? "" : longitudeDeg.toPlainString());
  }

  private static String status(String protoName) {
    return protoName.startsWith("DATA_") ? protoName.substring(5) : protoName;
  }

  private static String flags(int word) {
    List<String> names = new ArrayList<>();
    for (EnergyQualityBit bit : EnergyQualityBit.values()) {
      if (bit != EnergyQualityBit.UNRECOGNIZED && bit.getNumber() > 0 && (word & (1 << bit.getNumber())) != 0) {
        names.add(bit.name().substring("ENERGY_".length()));
      }
    }
    return String.join("|", names);
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9._:/ -]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
