package io.cleanercontext.transcript;

import io.cleanercontext.contract.StoredTurn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A turn placed on the call's timeline, in milliseconds from its start. When every turn carries its
 * recognised words with times (a voice-pipeline source), those are used: the first word's start and
 * the last word's end. Otherwise every turn is placed by when it arrived, and ends when the next
 * one arrives (the last: a reading time of its words). One source for the whole file, so captions
 * never mix clocks.
 */
public record TimedTurn(StoredTurn turn, long startMs, long endMs) {

  /** Where the times of a file came from: the source's word timings, or arrival times. */
  public enum Timing {
    SOURCE,
    ARRIVAL;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The turns placed on one timeline, and which timing placed them. */
  public record Timeline(List<TimedTurn> turns, Timing timing) {}

  private static final long MS_PER_WORD = 400;
  private static final long MIN_CUE_MS = 1_000;

  public static Timeline place(List<StoredTurn> turns, List<JsonArray> words) {
    boolean allTimed = !turns.isEmpty();
    for (int i = 0; i < turns.size() && allTimed; i++) {
      allTimed = span(words.get(i)) != null;
    }
    List<TimedTurn> placed = new ArrayList<>(turns.size());
    if (allTimed) {
      for (int i = 0; i < turns.size(); i++) {
        double[] s = span(words.get(i));
        placed.add(new TimedTurn(turns.get(i), Math.round(s[0] * 1000), Math.round(s[1] * 1000)));
      }
      return new Timeline(placed, Timing.SOURCE);
    }
    long origin = turns.isEmpty() ? 0 : epochMs(turns.get(0));
    for (int i = 0; i < turns.size(); i++) {
      StoredTurn turn = turns.get(i);
      long start = Math.max(0, epochMs(turn) - origin);
      long reading = Math.max(MIN_CUE_MS, wordCount(turn.rawText()) * MS_PER_WORD);
      long end = start + reading;
      if (i + 1 < turns.size()) {
        long next = Math.max(start, epochMs(turns.get(i + 1)) - origin);
        end = next > start ? Math.min(end, next) : start + reading;
      }
      placed.add(new TimedTurn(turn, start, end));
    }
    return new Timeline(placed, Timing.ARRIVAL);
  }

  /** {start, end} in seconds from the words, or null when they do not give both. */
  private static double[] span(JsonArray words) {
    if (words == null || words.isEmpty()) {
      return null;
    }
    Object first = words.getValue(0);
    Object last = words.getValue(words.size() - 1);
    if (!(first instanceof JsonObject f) || !(last instanceof JsonObject l)) {
      return null;
    }
    Object start = f.getValue("start");
    Object end = l.getValue("end");
    if (!(start instanceof Number s) || !(end instanceof Number e)) {
      return null;
    }
    return new double[] {s.doubleValue(), Math.max(s.doubleValue(), e.doubleValue())};
  }

  private static long epochMs(StoredTurn turn) {
    return turn.receivedAt() == null ? 0 : turn.receivedAt().toInstant().toEpochMilli();
  }

  static int wordCount(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    return text.strip().split("\\s+").length;
  }
}
