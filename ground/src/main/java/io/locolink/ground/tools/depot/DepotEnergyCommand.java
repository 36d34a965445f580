package io.locolink.ground.tools.depot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.locolink.gateway.depot.KeyFileException;
import io.locolink.ground.collect.DepotClient;
import io.locolink.ground.collect.DepotTransferException;
import io.locolink.ground.collect.EnergyRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code locolink depot energy}: a gateway's EN 50463 energy records for a time range, as CSV or
 * JSON for an energy-settlement office. Ranges longer than the gateway's per-request limit are
 * asked for in 31-day pieces. Exit code 0 on success, 1 when the gateway cannot be read, 2 on a
 * usage or key problem.
 */
@Command(name = "energy", mixinStandardHelpOptions = true,
    description = "Download a gateway's energy records (5-minute periods) as CSV or JSON.")
public final class DepotEnergyCommand implements Callable<Integer> {

  /** Longest range asked for in one request; the gateway refuses more than depot.energyMaxRangeDays (62). */
  static final Duration PIECE = Duration.ofDays(31);

  @Mixin GatewayOptions target;

  @Option(names = "--from", required = true, paramLabel = "T",
      description = "Start, UTC: 2026-11-01 or 2026-11-01T00:00:00Z (periods ending after it).")
  String from;

  @Option(names = "--to", required = true, paramLabel = "T",
      description = "End, UTC: 2026-12-01 or an instant (periods ending at or before it).")
  String to;

  @Option(names = "--format", defaultValue = "csv", description = "csv or json (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!target.complete()) {
      err.println("depot energy needs --gateway, --identity and --key-file");
      return 2;
    }
    if (!format.equals("csv") && !format.equals("json")) {
      err.println("--format must be csv or json, got " + format);
      return 2;
    }
    Instant start;
    Instant end;
    try {
      start = instant(from);
      end = instant(to);
    } catch (DateTimeParseException e) {
      err.println("--from/--to: not a date (2026-11-01) or UTC instant (2026-11-01T00:00:00Z): " + e.getParsedString());
      return 2;
    }
    if (!end.isAfter(start)) {
      err.println("--to must be after --from");
      return 2;
    }
    List<EnergyRow> rows = new ArrayList<>();
    try (DepotClient client = target.connect()) {
      for (Instant a = start; a.isBefore(end); a = a.plus(PIECE)) {
        Instant b = a.plus(PIECE).isBefore(end) ? a.plus(PIECE) : end;
        client.energy(a, b).forEach(r -> rows.add(EnergyRow.of(r)));
      }
    } catch (KeyFileException e) {
      err.println("key file: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (DepotTransferException e) {
      err.println("cannot read energy records: " + e.getMessage());
      return 1;
    }
    byte[] body = format.equals("csv") ? csv(rows) : json(rows);
    if (out == null) {
      PrintWriter o = spec.commandLine().getOut();
      o.print(new String(body, StandardCharsets.UTF_8));
      o.flush();
    } else {
      Files.write(out, body);
      err.println(rows.size() + " energy periods written to " + out);
    }
    return 0;
  }

  static byte[] csv(List<EnergyRow> rows) {
    StringBuilder sb = new StringBuilder(EnergyRow.CSV_HEADER).append("\r\n");
    rows.forEach(r -> sb.append(r.csv()).append("\r\n"));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON array with the CSV's columns as keys; energy as integers, positions as exact decimals. */
  static byte[] json(List<EnergyRow> rows) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String[] keys = EnergyRow.CSV_HEADER.split(",");
    List<java.util.Map<String, Object>> out = new ArrayList<>();
    for (EnergyRow r : rows) {
      Object[] values = {r.locomotiveId(), r.consumptionPointId(), r.periodStart().toString(), r.periodEnd().toString(),
          r.consumedWh(), r.regeneratedWh(), r.depotChargeWh(), r.gensetWh(), r.dieselMl(), r.timeStatus(),
          r.energyStatus(), r.locationStatus(), r.qualityWord(), r.qualityFlags(), r.latitudeDeg(), r.longitudeDeg()};
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < keys.length; i++) {
        m.put(keys[i], values[i]);
      }
      out.add(m);
    }
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (OutputStream o = buf) {
      mapper.writeValue(o, out);
    }
    return buf.toByteArray();
  }

  private static Instant instant(String text) {
    if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return Instant.parse(text);
  }
}
