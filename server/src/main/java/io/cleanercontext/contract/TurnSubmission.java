package io.cleanercontext.contract;

import java.util.List;

/**
 * A validated turn on its way to storage, one of a {@link Submission}. Made only by the intake
 * ({@code ArchitectureTest} holds every entry point to it).
 *
 * @param turnId id chosen by the API, so a synchronous caller can wait for it
 * @param speaker the label as the client sent it ("User", "Lumen", ...)
 * @param role {@code ai} or {@code user}
 * @param cleaningLevel requested level wire name ({@code none, light, full, auto})
 * @param windowSize sliding window for this conversation, or null to keep the current one
 * @param replyTo address awaiting the cleaned turn (synchronous calls), or null
 * @param receivedAt epoch millis when the HTTP request arrived
 * @param tenant the submitter's tenant: the conversation must be one of its own
 * @param words the speech recogniser's words with their confidence and timings, when the turn came
 *     from a voice pipeline (or a client sent them); empty otherwise. A step that rewrites {@code
 *     rawText} (e.g. redaction) must rewrite or drop them: words of the text before the rewrite
 *     must not be stored beside the text after it.
 */
public record TurnSubmission(
    String turnId,
    String conversationId,
    String speaker,
    Speaker role,
    String rawText,
    String cleaningLevel,
    Integer windowSize,
    String replyTo,
    long receivedAt,
    String tenant,
    List<RecognizedWord> words) {
  public TurnSubmission {
    words = words == null ? List.of() : List.copyOf(words);
  }

  /**
   * This submission with its raw text rewritten by redaction. The recogniser's words are dropped:
   * they spell the text before the rewrite, so keeping them would store what was redacted.
   */
  public TurnSubmission redacted(String text) {
    return new TurnSubmission(
        turnId,
        conversationId,
        speaker,
        role,
        text,
        cleaningLevel,
        windowSize,
        replyTo,
        receivedAt,
        tenant,
        List.of());
  }
}
