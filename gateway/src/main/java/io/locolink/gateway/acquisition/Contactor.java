package io.locolink.gateway.acquisition;

/** State of the battery's main contactors as the BMS reports it. */
public enum Contactor {
  UNKNOWN,
  OPEN,
  PRECHARGE,
  CLOSED
}
