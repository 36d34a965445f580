package io.locolink.gateway.depot;

import io.locolink.gateway.archive.EnergyRange;
import io.locolink.gateway.framing.EnergyRecordCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * One answer of {@code /energy}, served a block at a time without being held whole: the answer is
 * the records of an {@link EnergyRange}, a day file's part after another, in the delimited form
 * (varint length, record) or as a JSON array. Built by encoding every day once to learn the parts'
 * lengths and the answer's hash; a block then encodes the day (or days) it covers again, keeping the
 * last day encoded for the blocks that follow. The bytes are those of {@link EnergyRecordCodec#delimited},
 * or {@code [}, {@link EnergyRecordCodec#appendJson}'s elements and {@code ]}, for the same records.
 * Thread-safe.
 */
final class EnergyAnswer implements DepotResource.BlockBody {

  /** The answer's two forms. */
  enum Form { DELIMITED, JSON }

  private final EnergyRange range;
  private final Form form;
  /** Where each day's part starts in the answer, and where the last ends: dayCount + 1 entries. */
  private final long[] partStart;
  /** Per day: whether a record comes before it (its JSON part then starts with a comma). */
  private final boolean[] afterRecord;
  private final long size;
  private final byte[] etag;
  private int cachedDay = -1;
  private byte[] cachedPart;

  private EnergyAnswer(EnergyRange range, Form form, long[] partStart, boolean[] afterRecord, byte[] etag) {
    this.range = range;
    this.form = form;
    this.partStart = partStart;
    this.afterRecord = afterRecord;
    this.size = partStart[partStart.length - 1] + (form == Form.JSON ? 1 : 0);
    this.etag = etag;
  }

  /**
   * Encodes every day of {@code range} once (reading its file) for the parts' lengths and the hash.
   *
   * @throws EnergyRange.ArchiveChangedException if a day file is gone or shorter than in the range
   * @throws io.locolink.gateway.framing.MalformedMessageException for JSON, if a record does not decode
   */
  static EnergyAnswer of(EnergyRange range, Form form) {
    MessageDigest sha = sha256();
    int days = range.dayCount();
    long[] start = new long[days + 1];
    boolean[] afterRecord = new boolean[days];
    long at = 0;
    if (form == Form.JSON) {
      sha.update((byte) '[');
      at = 1;
    }
    boolean any = false;
    for (int d = 0; d < days; d++) {
      start[d] = at;
      afterRecord[d] = any;
      List<byte[]> records = range.records(d);
      any |= !records.isEmpty();
      byte[] part = encode(records, form, afterRecord[d]);
      sha.update(part);
      at += part.length;
    }
    start[days] = at;
    if (form == Form.JSON) {
      sha.update((byte) ']');
    }
    return new EnergyAnswer(range, form, start, afterRecord, Arrays.copyOf(sha.digest(), 8));
  }

  /** The answer's length, bytes. */
  @Override
  public long size() {
    return size;
  }

  /** The first 8 bytes of the answer's SHA-256: the same bytes give the same tag. */
  @Override
  public byte[] etag() {
    return etag.clone();
  }

  /**
   * The answer's bytes from {@code offset}, at most {@code max} of them.
   *
   * @throws EnergyRange.ArchiveChangedException if a day file is gone or changed since the range was taken
   */
  @Override
  public synchronized byte[] read(long offset, int max) {
    byte[] out = new byte[(int) Math.max(0, Math.min(max, size - offset))];
    int filled = 0;
    long end = partStart[partStart.length - 1];
    while (filled < out.length) {
      long at = offset + filled;
      if (at < partStart[0]) {
        out[filled++] = '[';
      } else if (at >= end) {
        out[filled++] = ']';
      } else {
        int d = dayAt(at);
        byte[] part = part(d);
        int from = (int) (at - partStart[d]);
        int n = Math.min(part.length - from, out.length - filled);
        System.arraycopy(part, from, out, filled, n);
        filled += n;
      }
    }
    return out;
  }

  /** The day whose (non-empty) part holds answer offset {@code at}. */
  private int dayAt(long at) {
    int d = Arrays.binarySearch(partStart, at);
    if (d < 0) {
      return -d - 2;
    }
    while (partStart[d + 1] == at) {  // empty parts start where the next begins
      d++;
    }
    return d;
  }

  private byte[] part(int day) {
    if (day != cachedDay) {
      cachedPart = null;
      cachedDay = -1;
      byte[] part = encode(range.records(day), form, afterRecord[day]);
      if (part.length != partStart[day + 1] - partStart[day]) {
        throw new EnergyRange.ArchiveChangedException("a day's records changed since the range was taken");
      }
      cachedPart = part;
      cachedDay = day;
    }
    return cachedPart;
  }

  private static byte[] encode(List<byte[]> records, Form form, boolean afterRecord) {
    if (form == Form.DELIMITED) {
      return EnergyRecordCodec.delimited(records);
    }
    StringBuilder text = new StringBuilder();
    EnergyRecordCodec.appendJson(text, records, afterRecord);
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
