/**
 * The energy archive: every energy record the gateway stored, in one file per UTC day, kept for the
 * configured retention whether or not a trip was running, so the depot can serve any period after
 * the trip logs that held it are gone. A stage of its own, fed by {@code app} with each encoded
 * record once the journal has stored it. May use {@code framing} (the record layer and the energy
 * record's period end). Used by {@code app} (which feeds it) and {@code depot} (which serves it).
 */
package io.locolink.gateway.archive;
