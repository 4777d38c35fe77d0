package io.cleanercontext.contract;

/**
 * One turn ingest accepted: stored as pending (and enqueued, or left to be re-enqueued). A retry
 * with the same idempotency key is answered with the same values.
 *
 * @param partition the queue partition of its conversation
 * @param role user turns are served first
 * @param queuedAt epoch millis when its job was made
 * @param queueBackend the queue's name ({@code redis}, {@code memory})
 */
public record TurnAccepted(
    String jobId,
    String turnId,
    long seq,
    String conversationId,
    int partition,
    Speaker role,
    long queuedAt,
    String queueBackend) {}
