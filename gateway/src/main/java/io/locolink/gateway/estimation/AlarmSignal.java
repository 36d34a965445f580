package io.locolink.gateway.estimation;

/** What an alarm measures; {@link #id()} is the {@link AlarmEvent#signal()} text. */
public enum AlarmSignal {
  CELL_VOLTAGE("cell.voltage"),
  CELL_TEMPERATURE("cell.temperature"),
  INSULATION("pack.insulation"),
  MOTOR_WINDING("drive.winding"),
  MOTOR_BEARING("drive.bearing"),
  INVERTER("drive.inverter"),
  /** A storm summary stands for many signals. */
  ALARMS("alarms");

  private final String id;

  AlarmSignal(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The signal whose id is {@code id}. @throws IllegalArgumentException if there is none */
  public static AlarmSignal ofId(String id) {
    for (AlarmSignal s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown alarm signal: " + id);
  }
}
