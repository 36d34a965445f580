package io.locolink.gateway.devices;

/**
 * CRC-16/MODBUS (polynomial 0x8005 reflected as 0xA001, initial value 0xFFFF), sent low byte
 * first (Modbus over Serial Line V1.02, section 6.2.2). Pure functions.
 */
public final class ModbusCrc {

  private ModbusCrc() {}

  /** The CRC of {@code length} bytes of {@code data} from {@code offset}. */
  public static int crc16(byte[] data, int offset, int length) {
    int crc = 0xFFFF;
    for (int i = offset; i < offset + length; i++) {
      crc ^= data[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  /** Copies {@code frame} and appends its CRC, low byte first. */
  public static byte[] withCrc(byte[] frame) {
    byte[] out = java.util.Arrays.copyOf(frame, frame.length + 2);
    int crc = crc16(frame, 0, frame.length);
    out[frame.length] = (byte) crc;
    out[frame.length + 1] = (byte) (crc >>> 8);
    return out;
  }

  /** True when the last two bytes of the first {@code length} are the CRC of the rest. */
  public static boolean valid(byte[] frame, int length) {
    if (length < 3) {
      return false;
    }
    int crc = crc16(frame, 0, length - 2);
    return (frame[length - 2] & 0xFF) == (crc & 0xFF) && (frame[length - 1] & 0xFF) == (crc >>> 8);
  }
}
