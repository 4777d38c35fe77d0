package io.cleanercontext.contract;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Failure codes that consumers reply with {@code msg.fail(code, detail)}; the HTTP layer maps them
 * to statuses in one place.
 */
public enum ErrorCode {
  BAD_REQUEST(400),
  NOT_FOUND(404),
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  UNAVAILABLE(503),
  INTERNAL(500),
  UNSUPPORTED_MEDIA_TYPE(415),
  TOO_MANY_REQUESTS(429),
  /** The queue's backlog is over its limit: retry shortly (HTTP 503 with Retry-After). */
  OVERLOADED(503),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  /**
   * A request that cannot be honoured as sent, e.g. an Idempotency-Key reused with another body.
   */
  UNPROCESSABLE(422),
  /** The server did not finish in time, so the outcome is not known (HTTP 504). */
  TIMEOUT(504);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int code() {
    return 1000 + ordinal();
  }

  public int httpStatus() {
    return httpStatus;
  }

  public static ErrorCode of(int code) {
    int index = code - 1000;
    ErrorCode[] values = values();
    return index >= 0 && index < values.length ? values[index] : INTERNAL;
  }

  /** HTTP status for any event-bus failure: recipient codes, timeouts (504), no handlers (503). */
  public static int httpStatusOf(ReplyException e) {
    if (e.failureType() == ReplyFailure.TIMEOUT) {
      return 504;
    }
    if (e.failureType() == ReplyFailure.NO_HANDLERS) {
      return 503;
    }
    return of(e.failureCode()).httpStatus();
  }
}
