package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Turns submitted by event-bus bridge clients ({@link Addresses#BRIDGE_TURN_SUBMIT}): validated by
 * the same rules as the HTTP route, so a bridge is no way around them, then handed to ingest.
 */
final class BridgeSubmissions {
  private final Vertx vertx;
  private final TurnValidation validation;

  BridgeSubmissions(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.validation = new TurnValidation(config);
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
        throw new ServiceException(ErrorCode.BAD_REQUEST, "conversation_id must be a UUID", "conversation_id");
      }
      TurnValidation.submit(vertx, validation.submission(conversationId, body, null, receivedAt))
          .onSuccess(accepted -> msg.reply(accepted.put("queue_time_ms", System.currentTimeMillis() - receivedAt)))
          .onFailure(e -> {
            if (e instanceof ReplyException re) {
              msg.fail(re.failureCode(), re.getMessage());
            } else {
              msg.fail(ErrorCode.UNAVAILABLE.code(), e.getMessage());
            }
          });
    } catch (ServiceException e) {
      msg.fail(e.code().code(), e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage());
    }
  }
}
