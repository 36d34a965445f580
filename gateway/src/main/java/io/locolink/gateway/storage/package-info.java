/**
 * Storage: the small file-operation interface ({@code FileIo}: positional writes, reads and syncs
 * on open files, atomic renames, directory syncs) that every durable file of the gateway goes
 * through, and its implementation on the real file system. Tests substitute an in-memory one that
 * records each write and sync to rebuild what a power cut leaves. Plain JDK; uses no other
 * package. Used by {@code journal} (segments, cursor, sequence floor, boot record) and {@code
 * trips} (trip logs); its atomic replace also by the {@code uplink} (set-aside messages), the
 * ground's report and export commands and the simulator's clock file.
 */
package io.locolink.gateway.storage;
