package io.cleanercontext.intake;

import io.cleanercontext.contract.TurnSubmission;
import io.vertx.core.Future;
import java.util.List;

/**
 * A transformation of a submission's validated turns (one conversation's) before anything stores or
 * enqueues them (e.g. redacting the raw text, which needs the conversation's settings: hence a
 * future). The intake runs its steps in order, after validation and the idempotency hash, before
 * the rate limit and the submit; a step failing with {@code ServiceException} refuses the request.
 */
@FunctionalInterface
public interface PreStoreStep {
  Future<List<TurnSubmission>> apply(List<TurnSubmission> turns);
}
