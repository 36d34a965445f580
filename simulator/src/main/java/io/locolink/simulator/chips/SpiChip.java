package io.locolink.simulator.chips;

/** An emulated SPI chip: one full-duplex transfer while its chip select is low. */
public interface SpiChip {

  void transfer(byte[] tx, int txOffset, byte[] rx, int rxOffset, int length);
}
