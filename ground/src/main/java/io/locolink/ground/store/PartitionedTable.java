package io.locolink.ground.store;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A table partitioned by time, and how long a partition of it spans. */
public enum PartitionedTable {
  RAW_MESSAGE("raw_message", Span.DAY),
  FRAME_SECOND("frame_second", Span.DAY),
  DEAD_LETTER("dead_letter", Span.DAY),
  FRAME_MINUTE("frame_minute", Span.MONTH),
  ENERGY_RECORD("energy_record", Span.MONTH),
  ALARM_EVENT("alarm_event", Span.MONTH);

  /** How much time one partition holds. */
  public enum Span { DAY, MONTH }

  private static final DateTimeFormatter DAY_NAME = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final String table;
  private final Span span;

  PartitionedTable(String table, Span span) {
    this.table = table;
    this.span = span;
  }

  public String table() {
    return table;
  }

  /** The first day of the partition that holds {@code epochMs}. */
  public LocalDate partitionStart(long epochMs) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochMs, 86_400_000L));
    return span == Span.DAY ? day : day.withDayOfMonth(1);
  }

  /** The first day after the partition that starts on {@code start}. */
  public LocalDate partitionEnd(LocalDate start) {
    return span == Span.DAY ? start.plusDays(1) : start.plusMonths(1);
  }

  /** The name of the partition starting on {@code start}, e.g. {@code raw_message_p20261202}. */
  public String partitionName(LocalDate start) {
    return table + "_p" + start.format(DAY_NAME);
  }

  /**
   * Where a COPY of rows at {@code epochMs} goes: the one partition that holds them all (a partition
   * holds a range of time, so the earliest and the latest row decide), or, when they span several,
   * the table, which routes each row to its partition. Copying into the partition spares the server
   * that routing, row by row; the partition still refuses a row outside its range, and its primary
   * key is the one the table's key is made of. The partitions must exist ({@link Partitions#ensure}).
   */
  String copyTarget(java.util.stream.LongStream epochMs) {
    java.util.LongSummaryStatistics range = epochMs.summaryStatistics();
    if (range.getCount() == 0) {
      return table;
    }
    LocalDate first = partitionStart(range.getMin());
    return first.equals(partitionStart(range.getMax())) ? partitionName(first) : table;
  }

  /** Parses the start day back from a partition name of this table; null for another name. */
  public LocalDate startOf(String partitionName) {
    String prefix = table + "_p";
    if (!partitionName.startsWith(prefix) || partitionName.length() != prefix.length() + 8) {
      return null;
    }
    try {
      return LocalDate.parse(partitionName.substring(prefix.length()), DAY_NAME);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** Unix milliseconds at the start (UTC midnight) of {@code day}. */
  static long epochMs(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
