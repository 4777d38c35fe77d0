package io.cleanercontext.api;

import io.cleanercontext.intake.Answer;
import io.vertx.ext.web.RoutingContext;

/** The HTTP side of idempotent submissions: the request's key and the response's replay flag. */
final class IdempotencyHeaders {
  /**
   * Request header naming a submission so that a retry of it stores nothing new (RFC draft
   * "Idempotency-Key").
   */
  static final String KEY = "Idempotency-Key";

  /** Response header on the first answer given again for a key. */
  static final String REPLAYED = "Idempotent-Replayed";

  private IdempotencyHeaders() {}

  /** Whether ingest answered a retry with its first answer; if so, says it in a response header. */
  static boolean markReplayed(RoutingContext ctx, Answer accepted) {
    if (!accepted.replayed()) {
      return false;
    }
    ctx.response().putHeader(REPLAYED, "true");
    return true;
  }
}
