package io.cleanercontext.intake;

import io.cleanercontext.contract.TurnSubmission;

/**
 * A transformation of a validated turn before anything stores or enqueues it (e.g. redacting the
 * raw text). The intake runs its steps in order, after validation and before the idempotency hash,
 * the rate limit and the submit; a step throwing {@code ServiceException} refuses the request.
 */
@FunctionalInterface
public interface PreStoreStep {
  TurnSubmission apply(TurnSubmission turn);
}
