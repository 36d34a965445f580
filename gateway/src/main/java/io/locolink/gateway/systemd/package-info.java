/**
 * Talks to systemd's service manager: the sd_notify datagrams {@code READY=1}, {@code STOPPING=1}
 * and the watchdog keep-alive {@code WATCHDOG=1} of a {@code Type=notify} unit with
 * {@code WatchdogSec}. Sends through the C library by JNA (on the class path with Pi4J's linuxfs
 * plugin); when the process was not started by systemd every call does nothing. Uses the JDK and JNA
 * only; used by the gateway's {@code app}, which pings the watchdog from the acquisition loop, and by the
 * ground station's {@code io.locolink.ground.station}, which pings it from a liveness check (the ground
 * package depends on the gateway's jar, so one copy serves both units).
 */
package io.locolink.gateway.systemd;
