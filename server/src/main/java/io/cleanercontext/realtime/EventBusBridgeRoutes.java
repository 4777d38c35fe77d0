package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.OriginPolicy;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

/**
 * The SockJS event-bus bridge at {@code /eventbus} for {@code @vertx/eventbus-bridge-client.js}.
 * Every frame goes through the {@link BridgeGuard}; the Origin is checked when a socket opens.
 */
public final class EventBusBridgeRoutes {
  private EventBusBridgeRoutes() {}

  public static Router create(
      Vertx vertx,
      JsonObject realtimeConfig,
      BridgeGuard guard,
      OriginPolicy origins,
      ProductMetrics metrics) {
    SockJSBridgeOptions options =
        BridgePermissions.apply(new SockJSBridgeOptions())
            .setPingTimeout(realtimeConfig.getLong("idle_timeout_ms", 60_000L))
            .setMaxAddressLength(realtimeConfig.getInteger("max_address_length", 200))
            .setMaxHandlersPerSocket(
                realtimeConfig.getInteger("max_subscriptions_per_socket", 100));
    SockJSHandler handler =
        SockJSHandler.create(
            vertx,
            new SockJSHandlerOptions()
                .setHeartbeatInterval(realtimeConfig.getLong("ping_interval_ms", 15_000L)));
    guard.closeOnExpiry(vertx, (socket, reason) -> ((SockJSSocket) socket).close(4001, reason));
    return handler.bridge(options, event -> onEvent(vertx, event, metrics, guard, origins));
  }

  /** A close reason fits in a control frame (123 bytes). */
  static String abbreviate(String reason) {
    String r = reason == null ? "refused" : reason;
    return r.length() > 100 ? r.substring(0, 100) : r;
  }

  private static void onEvent(
      Vertx vertx,
      BridgeEvent event,
      ProductMetrics metrics,
      BridgeGuard guard,
      OriginPolicy origins) {
    SockJSSocket socket = event.socket();
    if (event.type() == BridgeEventType.SOCKET_CREATED) {
      if (!origins.allows(socket.headers().get("Origin"), socket.headers().get("Host"))) {
        // accepted only to be closed with a reason: a refused SockJS socket would close 1000 with
        // none
        event.complete(true);
        socket.close(4403, "origin not allowed");
        return;
      }
      String token = Authenticator.bearer(socket.headers().get("Authorization"));
      if (token == null && socket.uri() != null) {
        var query =
            new io.netty.handler.codec.http.QueryStringDecoder(socket.uri())
                .parameters()
                .get("access_token");
        token = query == null || query.isEmpty() ? null : query.get(0);
      }
      guard
          .opened(socket, token)
          .onComplete(
              ar -> {
                event.complete(true);
                if (ar.succeeded()) {
                  metrics.bridgeSockets().incrementAndGet();
                } else {
                  guard.closed(socket);
                  socket.close(4401, abbreviate(ar.cause().getMessage()));
                }
              });
      return;
    }
    if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      if (guard.closed(socket)) {
        metrics.bridgeSockets().decrementAndGet();
      }
      event.complete(true);
      return;
    }
    if (event.type() == BridgeEventType.REGISTERED) {
      event.complete(true);
      confirm(vertx, socket, event.getRawMessage());
      return;
    }
    guard.decide(socket, event, denial -> socket.write(denial.encode()));
  }

  /**
   * A conversation subscription is in place: tell the client with a message on its address, body
   * {@code {type: "registered", address}}, once a probe subscription there is known cluster-wide,
   * as the TCP bridge does. Other addresses (the dashboard's feeds) get no confirmation, so their
   * handlers see only what they always saw.
   */
  private static void confirm(Vertx vertx, SockJSSocket socket, JsonObject raw) {
    String address = raw == null ? null : raw.getString("address");
    if (address == null || Addresses.conversationIdOf(address) == null) {
      return;
    }
    MessageConsumer<Object> probe = vertx.eventBus().consumer(address, msg -> {});
    probe
        .completion()
        .onComplete(
            ar -> {
              probe.unregister();
              socket.write(
                  new JsonObject()
                      .put("type", "rec")
                      .put("address", address)
                      .put("body", BridgeConfirmations.registered(address, -1))
                      .encode());
            });
  }
}
