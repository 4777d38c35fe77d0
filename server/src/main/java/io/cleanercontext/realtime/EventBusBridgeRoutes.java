package io.cleanercontext.realtime;

import io.cleanercontext.metrics.ProductMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

/** The SockJS event-bus bridge at {@code /eventbus} for {@code @vertx/eventbus-bridge-client.js}. */
public final class EventBusBridgeRoutes {
  private EventBusBridgeRoutes() {
  }

  public static Router create(Vertx vertx, JsonObject realtimeConfig) {
    ProductMetrics metrics = ProductMetrics.of(vertx);
    SockJSBridgeOptions options = BridgePermissions.apply(new SockJSBridgeOptions())
        .setPingTimeout(realtimeConfig.getLong("idle_timeout_ms", 60_000L))
        .setMaxAddressLength(200)
        .setMaxHandlersPerSocket(realtimeConfig.getInteger("max_subscriptions_per_socket", 100));
    SockJSHandler handler = SockJSHandler.create(vertx, new SockJSHandlerOptions()
        .setHeartbeatInterval(realtimeConfig.getLong("ping_interval_ms", 15_000L)));
    return handler.bridge(options, event -> onEvent(event, metrics));
  }

  private static void onEvent(BridgeEvent event, ProductMetrics metrics) {
    if (event.type() == BridgeEventType.SOCKET_CREATED) {
      metrics.bridgeSockets().incrementAndGet();
    } else if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      metrics.bridgeSockets().decrementAndGet();
    }
    event.complete(true);
  }
}
