package io.locolink.gateway.app;

import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.trips.CycleRecords;

/**
 * Feeds the energy archive: each energy record a cycle stored is appended as it was encoded. Runs
 * on the acquisition thread.
 */
final class EnergyArchiving implements GatewayPipeline.RecordHandler {

  private final EnergyStore archive;

  EnergyArchiving(EnergyStore archive) {
    this.archive = archive;
  }

  @Override
  public void handle(CycleRecords cycle) {
    for (CycleRecords.Encoded<EnergyPeriod> e : cycle.energy()) {
      archive.append(e.bytes(), e.value().periodEnd());
    }
  }
}
