package io.cleanercontext.webhook;

import io.cleanercontext.store.ConversationCompletions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires {@code conversation.completed}: every tick, conversations whose end was requested and whose
 * turns up to that point all have results are completed (and their events queued, in the same
 * statement); with an idle timeout configured, conversations without a new turn for that long are
 * requested to end. Polling keeps the turn hot path unaware of completions; several nodes may run
 * it (rows are taken with SKIP LOCKED, and a completed conversation is never taken again).
 */
final class CompletionWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionWatcher.class);
  private static final int BATCH = 200;

  private final ConversationCompletions completions;
  private final long idleMs;
  private boolean running;

  CompletionWatcher(ConversationCompletions completions, long idleMs) {
    this.completions = completions;
    this.idleMs = idleMs;
  }

  void tick() {
    if (running) {
      return;
    }
    running = true;
    completions
        .fireReady(BATCH)
        .onComplete(
            ar -> {
              running = false;
              if (ar.failed()) {
                LOG.warn("Completing conversations failed: {}", ar.cause().getMessage());
              }
            });
  }

  void idleTick() {
    if (idleMs <= 0) {
      return;
    }
    completions
        .completeIdle(idleMs, BATCH)
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.debug("{} idle conversation(s) marked complete", n);
              }
            })
        .onFailure(e -> LOG.warn("Idle completion failed: {}", e.getMessage()));
  }
}
