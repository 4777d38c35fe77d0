package io.cleanercontext.queue;

import io.cleanercontext.contract.PendingTurn;
import io.cleanercontext.queue.client.Delivery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per conversation, the seq up to which this worker knows every turn is stored: a job whose carried
 * turn is the next one is cleaned without reading PostgreSQL. Only this worker's own writes raise
 * it (never too high); bounded, and empty after a restart or a shard take-over, when the first job
 * of each conversation reads its pending turns.
 */
final class StoredTurns {
  private static final int MAX_CONVERSATIONS = 100_000;

  private final Map<String, Long> storedUpTo =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_CONVERSATIONS;
        }
      };

  /** Every turn of the conversation up to {@code seq} is stored. */
  void storedUpTo(String conversationId, long seq) {
    storedUpTo.put(conversationId, seq);
  }

  /** The seq after which the conversation's pending turns are to be read; 0 when unknown. */
  long readAfter(String conversationId) {
    return storedUpTo.getOrDefault(conversationId, 0L);
  }

  /**
   * The carried turns of these jobs (one conversation) as the pending turns to clean, if they are
   * exactly the turns after the last one this worker stored, each once and in order; else null, and
   * the pending turns are read from PostgreSQL.
   */
  List<PendingTurn> carriedRun(List<Delivery> deliveries) {
    return carriedRun(storedUpTo.get(deliveries.get(0).job().conversationId()), deliveries);
  }

  /**
   * {@link #carriedRun(List)} given {@code done}, the seq up to which every turn is known stored
   * (or null).
   */
  static List<PendingTurn> carriedRun(Long done, List<Delivery> deliveries) {
    if (done == null) {
      return null;
    }
    List<PendingTurn> carried = new ArrayList<>(deliveries.size());
    for (Delivery d : deliveries) {
      if (d.job().carried() == null) {
        return null;
      }
      carried.add(d.job().carried());
    }
    carried.sort(Comparator.comparingLong(c -> c.turn().seq()));
    List<PendingTurn> run = new ArrayList<>(carried.size());
    long next = done + 1;
    for (PendingTurn c : carried) {
      if (c.turn().seq() != next++) {
        return null;
      }
      run.add(c);
    }
    return run;
  }
}
