package io.cleanercontext.realtime;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.EventTypes;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * A TCP bridge client's SEND, put on the event bus with its (guard-rewritten) headers; with a
 * {@code replyAddress}, the answer or the failure comes back as a frame on that address.
 */
final class BridgeRequests {
  private BridgeRequests() {}

  static void send(
      Vertx vertx, String address, String replyAddress, JsonObject msg, Consumer<JsonObject> out) {
    DeliveryOptions options = new DeliveryOptions();
    JsonObject headers = msg.getJsonObject("headers");
    if (headers != null) {
      headers.forEach(e -> options.addHeader(e.getKey(), String.valueOf(e.getValue())));
    }
    Object body = msg.getValue("body");
    if (replyAddress == null) {
      vertx.eventBus().send(address, body, options);
      return;
    }
    vertx
        .eventBus()
        .request(address, body, options)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                out.accept(
                    BridgeFrames.message(
                        replyAddress, headersOf(ar.result()), true, ar.result().body()));
              } else if (ar.cause() instanceof ReplyException re) {
                out.accept(
                    new JsonObject()
                        .put("type", EventTypes.ERR)
                        .put("address", replyAddress)
                        .put("sourceAddress", address)
                        .put("status", ErrorCode.httpStatusOf(re))
                        .put("failureCode", re.failureCode())
                        .put("failureType", re.failureType().name())
                        .put("message", re.getMessage()));
              } else {
                out.accept(
                    BridgeFrames.err(
                        ErrorCode.UNAVAILABLE,
                        replyAddress,
                        "the request failed: " + ar.cause().getMessage()));
              }
            });
  }

  /** A message of a registration, as the frame the client receives. */
  static JsonObject delivered(Message<Object> m) {
    return BridgeFrames.message(m.address(), headersOf(m), m.isSend(), m.body());
  }

  private static JsonObject headersOf(Message<?> m) {
    JsonObject headers = new JsonObject();
    m.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
    return headers;
  }
}
