/**
 * The cab's alarm lamp as a stage of its own: a consumer of the estimator's alarms that lights the
 * lamp (or closes the relay) while any alarm is active and puts it out when the last one clears.
 * May use {@code devices} (the GPIO output, on the platform's Pi4J context), {@code estimation} (the
 * estimates it reads) and {@code config}. Used by {@code app}, which feeds it every cycle's
 * estimates.
 */
package io.locolink.gateway.lamp;
