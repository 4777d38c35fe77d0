package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.SubmissionAccepted;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns submitted by event-bus bridge clients ({@link Addresses#BRIDGE_TURN_SUBMIT}): validated by
 * the same rules as the HTTP routes, so a bridge is no way around them, then handed to ingest. A
 * body with {@code turns} is a batch, as {@code POST .../turns/realtime/batch}.
 */
final class BridgeSubmissions {
  private final Vertx vertx;
  private final TurnValidation validation;
  private final int maxBatchTurns;

  BridgeSubmissions(Vertx vertx, TurnValidation validation, int maxBatchTurns) {
    this.vertx = vertx;
    this.validation = validation;
    this.maxBatchTurns = maxBatchTurns;
  }

  MessageConsumer<Object> register() {
    return vertx.eventBus().consumer(Addresses.BRIDGE_TURN_SUBMIT, this::submit);
  }

  private void submit(Message<Object> msg) {
    long receivedAt = System.currentTimeMillis();
    try {
      if (!(msg.body() instanceof JsonObject body)) {
        throw new ServiceException(ErrorCode.BAD_REQUEST, "the body must be a JSON object");
      }
      String id = Requests.requiredString(body, "conversation_id");
      UUID conversationId;
      try {
        conversationId = UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        throw new ServiceException(
            ErrorCode.BAD_REQUEST, "conversation_id must be a UUID", "conversation_id");
      }
      // Stamped by the bridge guard from the caller's token; whatever the client put there was
      // dropped.
      String tenant = msg.headers().get(BridgeGuard.TENANT_HEADER);
      tenant = tenant == null ? Principal.DEFAULT_TENANT : tenant;
      String only = msg.headers().get(BridgeGuard.CONVERSATIONS_HEADER);
      if (only != null && !Set.of(only.split(",")).contains(conversationId.toString())) {
        throw new ServiceException(
            ErrorCode.NOT_FOUND,
            "conversation " + conversationId + " not found",
            "conversation_id");
      }
      Object keyValue = body.getValue("idempotency_key");
      if (keyValue != null && !(keyValue instanceof String)) {
        throw new ServiceException(
            ErrorCode.BAD_REQUEST, "idempotency_key must be a string", "idempotency_key");
      }
      TurnValidation.Key key = TurnValidation.Key.of((String) keyValue, "idempotency_key");
      Future<SubmissionAccepted> accepted;
      boolean batch = body.containsKey("turns");
      if (batch) {
        List<TurnSubmission> submissions =
            validation.submissions(conversationId, body, receivedAt, tenant, maxBatchTurns);
        accepted =
            validation
                .limit(tenant, submissions.size())
                .compose(admitted -> TurnValidation.submitAll(vertx, submissions, key));
      } else {
        TurnSubmission submission =
            validation.submission(conversationId, body, null, receivedAt, tenant);
        accepted =
            validation
                .limit(tenant, 1)
                .compose(admitted -> TurnValidation.submit(vertx, submission, key));
      }
      accepted
          .onSuccess(
              reply -> {
                // The reply is the first answer's body either way; a retry is told by this header.
                DeliveryOptions headers = new DeliveryOptions();
                if (reply.replayed()) {
                  headers.addHeader("idempotent-replayed", "true");
                }
                long queueTimeMs = System.currentTimeMillis() - receivedAt;
                msg.reply(
                    batch
                        ? AcceptedBodies.bridgeBatch(id, reply, queueTimeMs)
                        : AcceptedBodies.turn(reply.turns().get(0), queueTimeMs),
                    headers);
              })
          .onFailure(
              e -> {
                if (e instanceof ServiceException se) {
                  msg.fail(se.code().code(), se.getMessage());
                } else if (e instanceof ReplyException re) {
                  msg.fail(re.failureCode(), re.getMessage());
                } else {
                  msg.fail(ErrorCode.UNAVAILABLE.code(), e.getMessage());
                }
              });
    } catch (ServiceException e) {
      msg.fail(
          e.code().code(), e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      msg.fail(ErrorCode.BAD_REQUEST.code(), "the turn cannot be read: " + e.getMessage());
    }
  }
}
