package io.cleanercontext.contract;

import java.util.List;

/**
 * Ingest's answer to a {@link Submission}: one entry per turn, in order.
 *
 * @param replayed true when this is the first answer given again for an idempotency key (nothing
 *     was stored)
 */
public record SubmissionAccepted(List<TurnAccepted> turns, boolean replayed) {}
