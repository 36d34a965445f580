/** Test helpers of the ground station: wire messages built field by field, awaited conditions, SQL checks. */
package io.locolink.ground.testing;
