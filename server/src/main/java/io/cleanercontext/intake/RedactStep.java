package io.cleanercontext.intake;

import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.privacy.PrivacyRules;
import io.cleanercontext.privacy.Redactor;
import io.cleanercontext.store.PrivacyStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intake's "redact" step: before a submission leaves the API (to be stored as pending rows with
 * its idempotency key, and enqueued), its raw text is masked as its conversation's rules say, so
 * neither PostgreSQL nor the queue nor any log ever holds what was redacted. The rules are read
 * once per conversation and held (a bounded LRU on the API instance's event loop) until a change is
 * announced on {@code privacy.changed} ({@link #forget}).
 */
public final class RedactStep {
  private static final int CAPACITY = 10_000;

  private final PrivacyStore store;
  private final Redactor redactor;
  private final Map<String, PrivacyRules> rules =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PrivacyRules> eldest) {
          return size() > CAPACITY;
        }
      };

  public RedactStep(PrivacyStore store, Redactor redactor) {
    this.store = store;
    this.redactor = redactor;
  }

  /**
   * The submissions with their raw text as it may be stored; the same list when nothing changes.
   */
  public Future<List<TurnSubmission>> apply(List<TurnSubmission> submissions) {
    String conversationId = submissions.get(0).conversationId();
    PrivacyRules held = rules.get(conversationId);
    if (held != null) {
      return Future.succeededFuture(redact(submissions, held));
    }
    return store
        .rules(conversationId)
        .map(
            read -> {
              if (read == null) {
                return submissions; // no such conversation: nothing is stored
              }
              rules.put(conversationId, read);
              return redact(submissions, read);
            });
  }

  /** Drops the rules held for a conversation, or for all when {@code conversationId} is null. */
  public void forget(String conversationId) {
    if (conversationId == null) {
      rules.clear();
    } else {
      rules.remove(conversationId);
    }
  }

  private List<TurnSubmission> redact(List<TurnSubmission> submissions, PrivacyRules first) {
    List<TurnSubmission> out = null;
    for (int i = 0; i < submissions.size(); i++) {
      TurnSubmission s = submissions.get(i);
      PrivacyRules r =
          s.conversationId().equals(submissions.get(0).conversationId())
              ? first
              : rules.get(s.conversationId());
      String stored = r == null ? s.rawText() : r.rawToStore(redactor, s.rawText());
      if (!stored.equals(s.rawText())) {
        if (out == null) {
          out = new ArrayList<>(submissions);
        }
        out.set(i, s.redacted(stored));
      }
    }
    return out == null ? submissions : out;
  }
}
