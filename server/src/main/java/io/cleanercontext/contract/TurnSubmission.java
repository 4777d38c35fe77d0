package io.cleanercontext.contract;

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
    String tenant) {}
