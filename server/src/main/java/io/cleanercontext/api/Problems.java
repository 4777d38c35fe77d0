package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.Problem;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.security.TenantRateLimiter;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer of the HTTP API, as {@code application/problem+json} (RFC 9457) naming the
 * field at fault where there is one. One failure handler maps exceptions and event-bus failures.
 */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  static void send(RoutingContext ctx, int status, String detail, String field) {
    if (ctx.response().headWritten()) {
      return;
    }
    JsonObject body = Problem.of(status, detail, ctx.request().path());
    if (field != null) {
      body.put("field", field);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .end(body.encode());
  }

  /** The router's failure handler. */
  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof TenantRateLimiter.RateLimited limited) {
      ctx.response().putHeader("Retry-After", Integer.toString(limited.retryAfterSeconds()));
      send(ctx, 429, limited.getMessage(), null);
    } else if (failure instanceof ServiceException se) {
      if (se.code() == ErrorCode.OVERLOADED) {
        ctx.response().putHeader("Retry-After", "1");
      }
      if (se.code() == ErrorCode.UNAUTHORIZED) {
        ctx.response()
            .putHeader(
                "WWW-Authenticate", "Bearer realm=\"cleanercontext\", error=\"invalid_token\"");
      }
      send(ctx, se.code().httpStatus(), se.getMessage(), se.field());
    } else if (failure instanceof ReplyException re) {
      int status = ErrorCode.httpStatusOf(re);
      if (ErrorCode.of(re.failureCode()) == ErrorCode.OVERLOADED) {
        ctx.response().putHeader("Retry-After", "1");
      }
      send(
          ctx, status, status == 504 ? "the server did not answer in time" : re.getMessage(), null);
    } else if (failure instanceof HttpException he) {
      send(
          ctx,
          he.getStatusCode(),
          he.getPayload() != null ? he.getPayload() : Problem.title(he.getStatusCode()),
          null);
    } else if (failure instanceof DecodeException) {
      send(ctx, 400, "the body is not valid JSON", null);
    } else if (failure == null) {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      send(
          ctx,
          status,
          status == 413 ? "the request body is too large" : Problem.title(status),
          null);
    } else {
      LOG.error(
          "Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      send(ctx, 500, "internal error", null);
    }
  }
}
