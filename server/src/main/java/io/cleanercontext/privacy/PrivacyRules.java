package io.cleanercontext.privacy;

/**
 * What applies to one conversation's turns: its redaction, what is kept of its raw text and its
 * spelling rules (the tenant's, overridden by the conversation's).
 */
public record PrivacyRules(
    RedactionPolicy redaction, RawTextPolicy rawText, SpellingRules spelling) {

  /** No redaction, raw text kept, no spelling rules: how turns were handled before settings. */
  public static final PrivacyRules NONE =
      new PrivacyRules(RedactionPolicy.OFF, RawTextPolicy.KEPT, SpellingRules.NONE);

  /** The rules from a tenant's settings and rules overridden by a conversation's. */
  public static PrivacyRules of(
      PrivacySettings tenant,
      PrivacySettings conversation,
      SpellingRules tenantSpelling,
      SpellingRules conversationSpelling) {
    PrivacySettings s = tenant.overriddenBy(conversation);
    return new PrivacyRules(s.policy(), s.raw(), tenantSpelling.overriddenBy(conversationSpelling));
  }

  /**
   * The policy for text before cleaning (the raw text as stored, queued and cleaned): always masks,
   * so the masks survive cleaning and the final pass can record or remove them.
   */
  public RedactionPolicy beforeCleaning() {
    return redaction.active()
        ? new RedactionPolicy(RedactionMode.MASK, redaction.types())
        : RedactionPolicy.OFF;
  }

  /** The raw text as it may be stored, queued and cleaned (masked unless raw text is kept). */
  public String rawToStore(Redactor redactor, String raw) {
    return rawText == RawTextPolicy.KEPT ? raw : redactor.redact(raw, beforeCleaning()).text();
  }

  /** The text a cleaner (the engine or an LLM) may see: masked whenever redaction is on. */
  public String textToClean(Redactor redactor, String stored) {
    return redactor.redact(stored, beforeCleaning()).text();
  }

  /** The cleaned text's last steps: custom spelling, then redaction (masks recorded or removed). */
  public RedactedText finish(Redactor redactor, String cleaned, String previousTurn) {
    return redactor.redact(spelling.apply(cleaned), redaction, previousTurn);
  }
}
