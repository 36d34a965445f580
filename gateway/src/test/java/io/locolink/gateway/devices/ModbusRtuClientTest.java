package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Request and response framing per the Modbus Application Protocol (6.3, 6.4, 7) and the CRC per
 * the Modbus over Serial Line spec (6.2.2). Every frame below is written out byte for byte; the CRC
 * bytes (CRC-16/MODBUS: polynomial 0xA001 reflected, initial 0xFFFF, low byte sent first) were
 * computed by hand independently of the code under test, with the algorithm checked against the
 * published example 01 03 00 00 00 0A -> C5 CD.
 */
class ModbusRtuClientTest {

  private static ModbusRtuClient client(ScriptedSerialLink link) {
    return new ModbusRtuClient(link, ScriptedSerialLink.noWaitPlatform(), Duration.ofMillis(50));
  }

  @Test
  void decodesTwoRegisters() throws Exception {
    // slave 1, function 04, 4 bytes: 0x0CE4 (3300 mV) and 0xFF38 (-200 as signed)
    byte[] reply = bytes(0x01, 0x04, 0x04, 0x0C, 0xE4, 0xFF, 0x38, 0xF8, 0xC1);
    ScriptedSerialLink link = new ScriptedSerialLink(request -> reply);
    assertArrayEquals(new int[] {3300, 0xFF38}, client(link).readRegisters(1, 4, 0x10, 2));
    // read input registers (6.4): slave 1, function 04, address 0x0010, quantity 2, CRC 0x0E70
    assertArrayEquals(bytes(0x01, 0x04, 0x00, 0x10, 0x00, 0x02, 0x70, 0x0E), link.written.get(0));
  }

  @Test
  void requestIsTheSpecExampleFrame() {
    // read holding registers (6.3): slave 1, function 03, address 0, quantity 10, CRC 0xCDC5 low byte first
    ScriptedSerialLink link = new ScriptedSerialLink(request -> new byte[0]);
    assertThrows(BusTimeoutException.class, () -> client(link).readRegisters(1, 3, 0, 10));
    assertArrayEquals(bytes(0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD), link.written.get(0));
  }

  @Test
  void silenceIsATimeout() {
    ScriptedSerialLink link = new ScriptedSerialLink(request -> new byte[0]);
    assertThrows(BusTimeoutException.class, () -> client(link).readRegisters(1, 4, 0, 2));
  }

  @Test
  void truncatedReplyIsATimeout() {
    byte[] reply = bytes(0x01, 0x04, 0x04, 0x0C, 0xE4, 0xFF, 0x38, 0xF8, 0xC1);
    byte[] truncated = java.util.Arrays.copyOf(reply, 6);
    assertThrows(BusTimeoutException.class,
        () -> client(new ScriptedSerialLink(request -> truncated)).readRegisters(1, 4, 0, 2));
  }

  @Test
  void badCrcIsCorrupt() {
    // 01 04 02 0C E4 with its CRC BC 7B, last bit flipped
    byte[] reply = bytes(0x01, 0x04, 0x02, 0x0C, 0xE4, 0xBC, 0x7A);
    assertThrows(FrameCorruptException.class,
        () -> client(new ScriptedSerialLink(request -> reply)).readRegisters(1, 4, 0, 1));
  }

  @Test
  void wrongSlaveIsCorrupt() {
    // a valid frame (CRC F8 7B) from slave 2
    byte[] reply = bytes(0x02, 0x04, 0x02, 0x0C, 0xE4, 0xF8, 0x7B);
    assertThrows(FrameCorruptException.class,
        () -> client(new ScriptedSerialLink(request -> reply)).readRegisters(1, 4, 0, 1));
  }

  @Test
  void exceptionResponseIsANack() {
    // function 0x84 with exception code 02 (illegal data address)
    byte[] reply = bytes(0x01, 0x84, 0x02, 0xC2, 0xC1);
    assertThrows(BusNackException.class,
        () -> client(new ScriptedSerialLink(request -> reply)).readRegisters(1, 4, 0x7000, 1));
  }

  @Test
  void refusesOversizedReads() {
    ScriptedSerialLink link = new ScriptedSerialLink(request -> new byte[0]);
    assertThrows(IllegalArgumentException.class, () -> client(link).readRegisters(1, 4, 0, 126));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
