package io.locolink.gateway.framing;

/**
 * The sequence bounds every status of a boot states, so the ground can close the previous boot's
 * accounting and tell this boot's deliberate jump from lost records.
 *
 * @param previousBootId the run before this one on the same journal; 0 when none or unknown
 * @param previousLastSequence highest sequence that run appended, as found at this start; 0 when none
 * @param firstSequence first sequence this boot issues
 * @param previousClean whether that run shut down cleanly
 */
public record BootSequence(long previousBootId, long previousLastSequence, long firstSequence,
    boolean previousClean) {

  /** Nothing known (tests, tools that run without a journal). */
  public static final BootSequence UNKNOWN = new BootSequence(0, 0, 0, true);
}
