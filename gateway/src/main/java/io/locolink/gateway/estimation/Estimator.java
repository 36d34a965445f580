package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.Snapshot;

/**
 * Turns acquisition snapshots into estimates and events. Pure: no I/O, no clock of its own (time
 * comes from the snapshot's monotonic and UTC stamps). Called from one thread.
 */
public interface Estimator {

  /** Folds one snapshot in and returns the estimates after it. */
  Estimates update(Snapshot snapshot);
}
