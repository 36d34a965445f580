package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Response framing per the Modbus Application Protocol (6.3, 6.4, 7) and CRC per the serial line spec. */
class ModbusRtuClientTest {

  private static ModbusRtuClient client(ScriptedSerialLink link) {
    return new ModbusRtuClient(link, ScriptedSerialLink.noWaitPlatform(), Duration.ofMillis(50));
  }

  @Test
  void decodesTwoRegisters() throws Exception {
    // slave 1, function 04, 4 bytes: 0x0CE4 (3300 mV) and 0xFF38 (-200 as signed)
    byte[] reply = ModbusCrc.withCrc(new byte[] {1, 4, 4, 0x0C, (byte) 0xE4, (byte) 0xFF, 0x38});
    ScriptedSerialLink link = new ScriptedSerialLink(request -> reply);
    assertArrayEquals(new int[] {3300, 0xFF38}, client(link).readRegisters(1, 4, 0x10, 2));
    assertArrayEquals(ModbusRtuClient.readRequest(1, 4, 0x10, 2), link.written.get(0));
  }

  @Test
  void silenceIsATimeout() {
    ScriptedSerialLink link = new ScriptedSerialLink(request -> new byte[0]);
    assertThrows(BusTimeoutException.class, () -> client(link).readRegisters(1, 4, 0, 2));
  }

  @Test
  void truncatedReplyIsATimeout() {
    byte[] reply = ModbusCrc.withCrc(new byte[] {1, 4, 4, 0x0C, (byte) 0xE4, (byte) 0xFF, 0x38});
    byte[] truncated = java.util.Arrays.copyOf(reply, 6);
    assertThrows(BusTimeoutException.class,
        () -> client(new ScriptedSerialLink(request -> truncated)).readRegisters(1, 4, 0, 2));
  }

  @Test
  void badCrcIsCorrupt() {
    byte[] reply = ModbusCrc.withCrc(new byte[] {1, 4, 2, 0x0C, (byte) 0xE4});
    reply[reply.length - 1] ^= 0x01;
    assertThrows(FrameCorruptException.class,
        () -> client(new ScriptedSerialLink(request -> reply)).readRegisters(1, 4, 0, 1));
  }

  @Test
  void wrongSlaveIsCorrupt() {
    byte[] reply = ModbusCrc.withCrc(new byte[] {2, 4, 2, 0x0C, (byte) 0xE4});
    assertThrows(FrameCorruptException.class,
        () -> client(new ScriptedSerialLink(request -> reply)).readRegisters(1, 4, 0, 1));
  }

  @Test
  void exceptionResponseIsANack() {
    // function 0x84 with exception code 02 (illegal data address)
    byte[] reply = ModbusCrc.withCrc(new byte[] {1, (byte) 0x84, 0x02});
    assertThrows(BusNackException.class,
        () -> client(new ScriptedSerialLink(request -> reply)).readRegisters(1, 4, 0x7000, 1));
  }

  @Test
  void refusesOversizedReads() {
    ScriptedSerialLink link = new ScriptedSerialLink(request -> new byte[0]);
    assertThrows(IllegalArgumentException.class, () -> client(link).readRegisters(1, 4, 0, 126));
  }
}
