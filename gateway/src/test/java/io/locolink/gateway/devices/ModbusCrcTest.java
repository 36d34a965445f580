package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CRC-16/MODBUS vectors from Modbus over Serial Line V1.02 and its usual worked examples. */
class ModbusCrcTest {

  @Test
  void readHoldingRegistersRequest() {
    // slave 1, function 03, start 0, ten registers -> CRC C5 CD, low byte first on the wire
    byte[] request = ModbusRtuClient.readRequest(1, 0x03, 0, 10);
    assertArrayEquals(new byte[] {0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, (byte) 0xC5, (byte) 0xCD}, request);
  }

  @Test
  void specAppendixExample() {
    // Modbus over Serial Line, 6.2.2: frame 02 07 -> CRC 0x1241, sent 41 12
    assertEquals(0x1241, ModbusCrc.crc16(new byte[] {0x02, 0x07}, 0, 2));
  }

  @Test
  void readInputRegisterRequest() {
    byte[] request = ModbusRtuClient.readRequest(1, 0x04, 0, 1);
    assertEquals(0x31, request[6] & 0xFF);
    assertEquals(0xCA, request[7] & 0xFF);
  }

  @Test
  void validRejectsAFlippedBit() {
    byte[] frame = ModbusCrc.withCrc(new byte[] {0x01, 0x04, 0x02, 0x0C, (byte) 0x80});
    assertTrue(ModbusCrc.valid(frame, frame.length));
    frame[3] ^= 0x01;
    assertFalse(ModbusCrc.valid(frame, frame.length));
  }
}
