package io.cleanercontext.cleaner;

import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.privacy.PrivacyRules;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.ConversationStore.VersionedKeyterms;
import io.cleanercontext.store.PrivacyStore;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shard's memory of its conversations: the state it cleans a conversation's next turns from. That
 * is the cached one when it is exactly one turn behind them (with keyterms, privacy rules and
 * spelling read again when a turn was accepted under newer ones), else one rebuilt by replaying the
 * conversation's stored results. At most {@code capacity} states are held, the least recently used
 * evicted first. Used on the shard's thread only.
 */
final class ConversationStates {
  private final Map<String, ConversationState> states;
  private final TurnStore turns;
  private final ConversationStore conversations;
  private final PrivacyStore privacy;

  ConversationStates(
      int capacity, TurnStore turns, ConversationStore conversations, PrivacyStore privacy) {
    this.states =
        new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, ConversationState> eldest) {
            return size() > capacity;
          }
        };
    this.turns = turns;
    this.conversations = conversations;
    this.privacy = privacy;
  }

  /** The conversation's state as held, or null when none is. */
  ConversationState held(String conversationId) {
    return states.get(conversationId);
  }

  /** Drops the conversation's state: its next turns are cleaned from one rebuilt. */
  void forget(String conversationId) {
    states.remove(conversationId);
  }

  /** The state just before {@code pending}'s first turn. */
  Future<ConversationState> stateFor(String conversationId, List<TurnToClean> pending) {
    TurnToClean first = pending.get(0);
    ConversationState cached = states.get(conversationId);
    if (cached != null && cached.isJustBefore(first.seq())) {
      return keytermsFor(conversationId, pending, cached);
    }
    return rebuild(conversationId, first.windowSize())
        .recover(e -> Future.failedFuture("cannot rebuild conversation state: " + e.getMessage()));
  }

  /**
   * The state with keyterms at least as new as every turn of the request was accepted under: a turn
   * accepted after a replacement reads them again (one query); otherwise no query at all. What is
   * read is the current keyterms, so turns accepted before the replacement are cleaned with the new
   * ones too (the old ones are not kept).
   */
  private Future<ConversationState> keytermsFor(
      String conversationId, List<TurnToClean> pending, ConversationState state) {
    int needed = 0; // versions start at 0
    for (TurnToClean turn : pending) {
      needed = Math.max(needed, turn.keytermsVersion());
    }
    if (!state.keytermsOlderThan(needed)) {
      return Future.succeededFuture(state);
    }
    // The privacy rules and spelling share the keyterms' version (V10): both are read again.
    return Future.all(conversations.versionedKeyterms(conversationId), rules(conversationId))
        .map(
            both -> {
              setKeyterms(state, both.resultAt(0));
              state.privacy = both.resultAt(1);
              return state;
            })
        .recover(
            e -> Future.failedFuture("cannot read the conversation's keyterms: " + e.getMessage()));
  }

  private static void setKeyterms(ConversationState state, VersionedKeyterms keyterms) {
    state.context.setKeyterms(keyterms.keyterms());
    state.keytermsVersion = keyterms.version();
  }

  /**
   * Replays the conversation's stored results into a fresh state with its current keyterms: the
   * same one it had before (keyterms replaced meanwhile are the ones its next turn needs anyway).
   */
  private Future<ConversationState> rebuild(String conversationId, int windowSize) {
    Future<VersionedKeyterms> keyterms = conversations.versionedKeyterms(conversationId);
    Future<List<TurnStore.HistoryTurn>> stored = turns.history(conversationId);
    Future<PrivacyRules> rules = rules(conversationId);
    return Future.all(keyterms, stored, rules)
        .map(
            all -> {
              ConversationState state = new ConversationState(windowSize);
              setKeyterms(state, keyterms.result());
              state.privacy = rules.result();
              for (TurnStore.HistoryTurn turn : stored.result()) {
                if (turn.status() != TurnStatus.FAILED) {
                  state.context.add(
                      turn.role(), turn.cleanedText() == null ? "" : turn.cleanedText());
                }
                state.lastSeq = turn.seq();
              }
              states.put(conversationId, state);
              return state;
            });
  }

  /** The conversation's current privacy rules ({@link PrivacyRules#NONE} when it is gone). */
  private Future<PrivacyRules> rules(String conversationId) {
    return privacy.rules(conversationId).map(r -> r == null ? PrivacyRules.NONE : r);
  }
}
