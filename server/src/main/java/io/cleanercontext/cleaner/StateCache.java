package io.cleanercontext.cleaner;

import java.util.LinkedHashMap;
import java.util.Map;

/** A shard's conversation states, least recently used evicted first; rebuilt on a miss. */
final class StateCache extends LinkedHashMap<String, ConversationState> {
  private final int capacity;

  StateCache(int capacity) {
    super(Math.min(capacity, 1024), 0.75f, true);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<String, ConversationState> eldest) {
    return size() > capacity;
  }
}
