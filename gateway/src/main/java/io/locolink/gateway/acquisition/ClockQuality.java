package io.locolink.gateway.acquisition;

/** How far the gateway's UTC clock can be trusted when a sample was taken. */
public enum ClockQuality {
  /** Disciplined by GNSS or NTP. */
  SYNCED,
  /** No time source seen since boot. */
  UNSYNCED,
  /** The clock was stepped by more than the tolerated amount since the last sample. */
  STEPPED
}
