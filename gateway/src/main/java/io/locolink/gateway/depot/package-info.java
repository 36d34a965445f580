/**
 * The CoAP/DTLS depot server (Californium): trip list, summaries and block-wise download of trip
 * logs, energy records, a live observable battery state and health, with per-depot pre-shared
 * keys; a trip id from a request never becomes a path unchecked. The only onboard package that
 * imports Californium. May use {@code trips}, {@code archive} (the energy records it serves),
 * {@code framing} (the JSON forms of summaries and energy records), {@code acquisition},
 * {@code estimation} and {@code config}. Used by {@code app}; its key-file rules and its CoAP
 * message settings ({@code CoapSetup.common}) are shared with the ground's depot client.
 */
package io.locolink.gateway.depot;
