package io.locolink.ground.store;

import java.util.Set;

/**
 * What one committed batch did.
 *
 * @param stored messages new to the store
 * @param duplicates messages the store already held (a broker's redelivery, a backlog resent)
 * @param deadLetters messages kept aside as refused
 * @param gapFills numbers of the new messages that filled an open gap
 * @param locomotives the locomotives whose stored state changed
 */
public record WriteResult(int stored, int duplicates, int deadLetters, long gapFills, Set<String> locomotives) {

  public WriteResult {
    locomotives = Set.copyOf(locomotives);
  }
}
