package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.intake.Answer;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.intake.Intake;
import io.cleanercontext.intake.IntakeRequest;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.Principal;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Turns submitted by event-bus bridge clients ({@link Addresses#BRIDGE_TURN_SUBMIT}), TCP and
 * SockJS alike: the frame translated into an {@link IntakeRequest} (the same intake as the HTTP
 * routes, so a bridge is no way around its steps) and the {@link Answer} into the reply. A body
 * with {@code turns} is a batch, as {@code POST .../turns/realtime/batch}.
 */
final class BridgeSubmissions {
  private final Vertx vertx;
  private final Intake intake;

  BridgeSubmissions(Vertx vertx, Intake intake) {
    this.vertx = vertx;
    this.intake = intake;
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
      String id = Fields.requiredString(body, "conversation_id");
      Object keyValue = body.getValue("idempotency_key");
      if (keyValue != null && !(keyValue instanceof String)) {
        throw new ServiceException(
            ErrorCode.BAD_REQUEST, "idempotency_key must be a string", "idempotency_key");
      }
      boolean batch = body.containsKey("turns");
      IntakeRequest request =
          new IntakeRequest(
              batch ? IntakeRequest.Kind.BATCH : IntakeRequest.Kind.TURN,
              caller(msg.headers()),
              id,
              "conversation_id",
              batch ? TurnRoutes.turnsOf(body) : List.of(body),
              null,
              (String) keyValue,
              "idempotency_key",
              receivedAt);
      intake
          .submit(request)
          .onSuccess(
              answer -> {
                // The reply is the first answer's body either way; a retry is told by this header.
                DeliveryOptions headers = new DeliveryOptions();
                if (answer.replayed()) {
                  headers.addHeader("idempotent-replayed", "true");
                }
                msg.reply(batch ? answer.bridgeBatchBody() : answer.turnBody(), headers);
              })
          .onFailure(
              e -> {
                if (e instanceof ServiceException se) {
                  msg.fail(se.code().code(), se.getMessage());
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

  /**
   * The caller as the bridge guard stamped it from its token (whatever the client put in these
   * headers was dropped): its tenant and the conversations it is limited to; the guard checked the
   * write scope.
   */
  private static Principal caller(MultiMap headers) {
    String tenant = headers.get(BridgeGuard.TENANT_HEADER);
    String only = headers.get(BridgeGuard.CONVERSATIONS_HEADER);
    return new Principal(
        "bridge",
        tenant == null ? Principal.DEFAULT_TENANT : tenant,
        only == null ? null : Set.of(only.split(",")),
        Set.of(Principal.WRITE),
        Long.MAX_VALUE);
  }
}
