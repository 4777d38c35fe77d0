package io.cleanercontext.ingest;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.logging.TurnLog;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why ingest did not accept a submission, as a {@link ServiceException} with its {@link ErrorCode}.
 */
final class IngestFailure {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  private IngestFailure() {}

  /** The failure to answer for {@code e}; {@code first} is the submission's first turn. */
  static ServiceException of(Throwable e, TurnSubmission first) {
    if (e instanceof ServiceException known) {
      return known;
    }
    if (e instanceof KeyReused) {
      return new ServiceException(
          ErrorCode.UNPROCESSABLE,
          "the Idempotency-Key was already used with another request body"
              + " for this conversation; send a new key for a new request");
    }
    if (e instanceof Admission.Overloaded) {
      return new ServiceException(ErrorCode.OVERLOADED, e.getMessage());
    }
    if (e instanceof NotFound) {
      return new ServiceException(
          ErrorCode.NOT_FOUND, "conversation " + first.conversationId() + " not found");
    }
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return new ServiceException(ErrorCode.CONFLICT, "turn " + first.turnId() + " already exists");
    }
    TurnLog.error(
        LOG, first.conversationId(), first.turnId(), null, "Cannot store turn: {}", e.toString());
    return new ServiceException(ErrorCode.UNAVAILABLE, "cannot store the turn: " + e.getMessage());
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
