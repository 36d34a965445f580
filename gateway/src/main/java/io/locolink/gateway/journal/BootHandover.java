package io.locolink.gateway.journal;

/**
 * What a new boot states about the one before it, so the ground can close the previous boot's
 * sequence accounting exactly and tell the deliberate jump to the new boot's first sequence from
 * records lost.
 *
 * @param previousBootId boot id of the previous run on this journal; 0 when there was none (a new
 *     journal) or its record was lost
 * @param previousLastSequence highest sequence the previous boot appended that is still found in
 *     the journal (any stream, acknowledged or not); 0 when it appended nothing. After a power cut
 *     the previous boot may have sent records of its last unsynced window above this number (they
 *     were delivered; none is missing below it unless counted as dropped)
 * @param firstSequence the first sequence this boot issues: numbers between {@code
 *     previousLastSequence} and this one were never used
 */
public record BootHandover(long previousBootId, long previousLastSequence, long firstSequence) {}
