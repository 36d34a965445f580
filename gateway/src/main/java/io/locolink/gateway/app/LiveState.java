package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.Estimates;

/**
 * The latest readings and estimates, handed to local observers (the demo's view, the depot
 * server's observable battery resource) after every acquisition cycle.
 */
public record LiveState(Snapshot snapshot, Estimates estimates) {}
