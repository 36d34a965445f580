package io.locolink.simulator.fleet;

/**
 * What the ground saw of one stream.
 *
 * @param senders distinct senders seen
 * @param frames messages received
 * @param gaps sequence numbers skipped
 * @param duplicates messages received again
 * @param p50Ms median latency, ms (0 when nothing arrived)
 * @param p99Ms 99th percentile latency, ms (0 when nothing arrived)
 * @param maxMs largest latency, ms
 */
public record StreamReport(int senders, long frames, long gaps, long duplicates, long p50Ms, long p99Ms, long maxMs) {}
