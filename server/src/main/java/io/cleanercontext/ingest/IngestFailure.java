package io.cleanercontext.ingest;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.logging.TurnLog;
import io.vertx.core.eventbus.Message;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why ingest did not accept a submission, answered as {@code msg.fail} with an {@link ErrorCode}.
 */
final class IngestFailure {
  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

  private IngestFailure() {}

  /** Fails the request for {@code e}; {@code first} is the submission's first turn. */
  static void reply(Message<?> msg, Throwable e, TurnSubmission first) {
    if (e instanceof KeyReused) {
      msg.fail(
          ErrorCode.UNPROCESSABLE.code(),
          "the Idempotency-Key was already used with another request body"
              + " for this conversation; send a new key for a new request");
    } else if (e instanceof Admission.Overloaded) {
      msg.fail(ErrorCode.OVERLOADED.code(), e.getMessage());
    } else if (e instanceof NotFound) {
      msg.fail(ErrorCode.NOT_FOUND.code(), "conversation " + first.conversationId() + " not found");
    } else if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      msg.fail(ErrorCode.CONFLICT.code(), "turn " + first.turnId() + " already exists");
    } else {
      TurnLog.error(
          LOG, first.conversationId(), first.turnId(), null, "Cannot store turn: {}", e.toString());
      msg.fail(ErrorCode.UNAVAILABLE.code(), "cannot store the turn: " + e.getMessage());
    }
  }

  /** The idempotency key was claimed before for another request body. */
  static final class KeyReused extends RuntimeException {
    KeyReused() {
      super(null, null, false, false);
    }
  }

  /** The submitter's tenant has no such conversation. */
  static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }
}
