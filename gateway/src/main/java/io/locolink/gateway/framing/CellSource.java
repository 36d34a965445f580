package io.locolink.gateway.framing;

/**
 * How a decoded frame got its cell lists, and why they are missing when they are.
 *
 * @param kind {@code KEY} (in full in the frame), {@code PREDICTED} (the change from the reference
 *     frame), or {@code NONE} (the frame has no cell lists)
 * @param keySequence sequence of the key frame that starts the chain (the frame itself for a key frame)
 * @param referenceSequence sequence of the frame the cells were predicted from; -1 for a key frame
 * @param available true when the decoded frame holds the cell lists (and the drives' DC link voltage and
 *     temperatures, which travel predicted with them; NaN when not available)
 * @param note for people: empty when available, else what is missing and when the cells come back
 */
public record CellSource(String kind, long keySequence, long referenceSequence, boolean available, String note) {

  static CellSource key(long sequence) {
    return new CellSource("KEY", sequence, -1, true, "");
  }

  static CellSource none() {
    return new CellSource("NONE", -1, -1, false, "frame has no cell lists");
  }

  static CellSource predicted(long keySequence, long referenceSequence, boolean available) {
    return new CellSource("PREDICTED", keySequence, referenceSequence, available, available ? ""
        : "cells and drive DC link/temperatures unavailable: predicted from frame " + referenceSequence + " (chain from key frame " + keySequence
            + "), which was not decoded here; the next key frame brings them back");
  }
}
