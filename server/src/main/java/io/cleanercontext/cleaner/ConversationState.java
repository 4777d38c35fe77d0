package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.engine.ConversationContext;

/**
 * What a shard knows of one conversation: the cleaned context the engine works from, and the seq of
 * the last turn it accounted for. A state that is not exactly one turn behind a request is stale
 * (another node cleaned in between, or a result was never stored) and is rebuilt from PostgreSQL.
 */
final class ConversationState {
  final ConversationContext context;
  long lastSeq;

  ConversationState(int windowSize) {
    this.context = new ConversationContext(windowSize);
  }

  boolean isJustBefore(long seq) {
    return lastSeq == seq - 1;
  }
}
