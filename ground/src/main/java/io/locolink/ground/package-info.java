/**
 * The {@code locolink} launcher's ground commands: the entry point that puts the ground tools, the
 * ground station and the onboard {@code gateway} command under one command line. May use every
 * ground package and the gateway's {@code app} for the onboard command. Used by the launcher
 * script and by the simulator's launcher, which adds its own commands.
 */
package io.locolink.ground;
