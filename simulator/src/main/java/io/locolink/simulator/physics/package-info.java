/**
 * The locomotive as pure maths: battery pack with an OCV curve and cell spread, traction drives,
 * diesel genset, train resistance, routes, stepped with an explicit time step so a simulated hour
 * runs in seconds. No I/O and no other LocoLink package. Used by every other simulator package.
 */
package io.locolink.simulator.physics;
