package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.ContextTurn;
import io.cleanercontext.privacy.PrivacyRules;
import io.cleanercontext.privacy.RawTextPolicy;
import io.cleanercontext.privacy.RedactedText;
import io.cleanercontext.privacy.Redactor;
import io.cleanercontext.store.PrivacyStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The shard's privacy step around cleaning: the text a cleaner (the engine or an LLM) sees is
 * masked whenever redaction is on; the cleaned text then gets the conversation's custom spelling
 * and the final redaction (cleaning -> spelling -> redaction), whose result is what is stored,
 * published and added to the context. Corrections in the metadata are redacted too, and the
 * redactions are recorded by type and position, never by value.
 */
final class TurnPrivacy {
  private final PrivacyStore store;
  private final Redactor redactor;

  TurnPrivacy(PrivacyStore store, Redactor redactor) {
    this.store = store;
    this.redactor = redactor;
  }

  /** The conversation's current rules ({@link PrivacyRules#NONE} when it is gone). */
  Future<PrivacyRules> rules(String conversationId) {
    return store.rules(conversationId).map(r -> r == null ? PrivacyRules.NONE : r);
  }

  /** The text to clean: the raw text as stored, masked when redaction is on. */
  String input(ConversationState state, String rawText) {
    return state.privacy.textToClean(redactor, rawText);
  }

  /** Spelling and redaction of the cleaned text; the turn before it gives the cues. */
  RedactedText finish(ConversationState state, CleaningResult result) {
    ContextTurn latest = state.context.latest();
    String previous = latest == null ? null : latest.cleanedText();
    return state.privacy.finish(redactor, result.cleanedText(), previous);
  }

  /** The metadata with corrections redacted and the redactions recorded. */
  JsonObject metadata(JsonObject metadata, ConversationState state, RedactedText finished) {
    PrivacyRules rules = state.privacy;
    if (!rules.redaction().active()) {
      return rules.spelling().isEmpty()
          ? metadata
          : metadata.put("spelling_rules", rules.spelling().rules().size());
    }
    JsonArray corrections = metadata.getJsonArray("corrections", new JsonArray());
    for (int i = 0; i < corrections.size(); i++) {
      JsonObject c = corrections.getJsonObject(i);
      c.put("original", redactor.redact(c.getString("original"), rules.redaction()).text());
      c.put("corrected", redactor.redact(c.getString("corrected"), rules.redaction()).text());
    }
    metadata
        .put("redactions", finished.redactionsJson())
        .put("redaction_mode", rules.redaction().mode().wireName());
    if (rules.rawText() == RawTextPolicy.NONE) {
      metadata.put(
          "raw_text_policy", RawTextPolicy.NONE.wireName()); // the stored raw text is emptied
    }
    return metadata;
  }
}
