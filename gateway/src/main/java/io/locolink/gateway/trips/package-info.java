/**
 * Trips: trip start and end detection, one log file per trip with its index, summaries, and
 * recovery of a trip left open by a crash; a plain consumer of the pipeline, fed one
 * {@code CycleRecords} per cycle. The energy records the depot serves outside trips are the
 * {@code archive}'s. Writes no wire bytes itself: the log's records and the summary message are
 * encoded, read and, for compression, coded by {@code framing} ({@code LogRecordCodec}, {@code
 * TripSummaryCodec}, {@code LogRecordModel}); the log's LZMA2 members are XZ for Java's. May use
 * {@code acquisition}, {@code estimation}, {@code framing}, {@code config} and {@code storage}
 * (the trip log's file I/O). Used by {@code app} (which feeds it every cycle), by {@code depot}
 * (which serves its files) and by the ground's report and depot tools, which read trip logs.
 */
package io.locolink.gateway.trips;
