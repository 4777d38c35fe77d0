package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.engine.ConversationContext;
import io.cleanercontext.privacy.PrivacyRules;

/**
 * What a shard knows of one conversation: the cleaned context the engine works from (with the
 * caller's keyterms), the seq of the last turn it accounted for and the version of the keyterms it
 * holds. A state that is not exactly one turn behind a request is stale (another node cleaned in
 * between, or a result was never stored) and is rebuilt from PostgreSQL; keyterms older than a
 * turn's are read again.
 */
final class ConversationState {
  final ConversationContext context;
  long lastSeq;

  /** The {@code keyterms_version} of the keyterms set on {@link #context}. */
  int keytermsVersion;

  /** Redaction, raw text policy and spelling rules, read with the keyterms (same version). */
  PrivacyRules privacy = PrivacyRules.NONE;

  ConversationState(int windowSize) {
    this.context = new ConversationContext(windowSize);
  }

  boolean isJustBefore(long seq) {
    return lastSeq == seq - 1;
  }

  /**
   * Whether a turn accepted under keyterms version {@code version} needs newer keyterms than these.
   */
  boolean keytermsOlderThan(int version) {
    return keytermsVersion < version;
  }
}
