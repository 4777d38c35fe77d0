package io.cleanercontext.realtime;

import io.cleanercontext.config.RealtimeSettings;
import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.OriginPolicy;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.telemetry.ProductMetrics;
import io.netty.handler.codec.http.QueryStringDecoder;
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
import java.util.List;

/**
 * The SockJS event-bus bridge at {@code /eventbus} for {@code @vertx/eventbus-bridge-client.js}.
 * Every frame goes through the {@link BridgeGuard}; the Origin is checked when a socket opens. A
 * conversation registration is confirmed on its address; one with {@code since} is served by {@link
 * SockJsResumes} (stored turns after it, then live ones, each once).
 */
public final class EventBusBridgeRoutes {
  private EventBusBridgeRoutes() {}

  /**
   * @param authenticator and {@code turns}: for REGISTER with {@code since} ({@link SockJsResumes})
   */
  public static Router create(
      Vertx vertx,
      RealtimeSettings realtime,
      SecuritySettings security,
      BridgeGuard guard,
      OriginPolicy origins,
      Authenticator authenticator,
      TurnStore turns,
      ProductMetrics metrics) {
    SockJsOutbound outbound = new SockJsOutbound(realtime.maxOutboundQueue());
    SockJsResumes resumes =
        new SockJsResumes(
            vertx, guard, authenticator, turns, realtime.maxOutboundQueue(), outbound);
    SockJSBridgeOptions options =
        BridgePermissions.apply(new SockJSBridgeOptions())
            .setPingTimeout(realtime.idleTimeoutMs())
            .setMaxAddressLength(security.maxAddressLength())
            .setMaxHandlersPerSocket(security.maxSubscriptionsPerSocket());
    SockJSHandler handler =
        SockJSHandler.create(
            vertx, new SockJSHandlerOptions().setHeartbeatInterval(realtime.pingIntervalMs()));
    guard.closeOnExpiry(
        vertx,
        (socket, reason) -> ((SockJSSocket) socket).close(EventTypes.Close.TOKEN_EXPIRED, reason));
    return handler.bridge(
        options, event -> onEvent(vertx, event, metrics, guard, origins, resumes, outbound));
  }

  /** The socket's bearer token: its Authorization header, else its {@code access_token}. */
  static String tokenOf(SockJSSocket socket) {
    String token = Authenticator.bearer(socket.headers().get("Authorization"));
    if (token == null && socket.uri() != null) {
      List<String> query = new QueryStringDecoder(socket.uri()).parameters().get("access_token");
      token = query == null || query.isEmpty() ? null : query.get(0);
    }
    return token;
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
      OriginPolicy origins,
      SockJsResumes resumes,
      SockJsOutbound outbound) {
    SockJSSocket socket = event.socket();
    if (event.type() == BridgeEventType.SOCKET_CREATED) {
      if (!origins.allows(socket.headers().get("Origin"), socket.headers().get("Host"))) {
        // accepted only to be closed with a reason: a refused SockJS socket would close 1000 with
        // none
        event.complete(true);
        refuse(socket, EventTypes.Close.ORIGIN_REFUSED, 403, "origin not allowed");
        return;
      }
      guard
          .opened(socket, tokenOf(socket))
          .onComplete(
              ar -> {
                event.complete(true);
                if (ar.succeeded()) {
                  metrics.bridgeSockets().incrementAndGet();
                } else {
                  guard.closed(socket);
                  refuse(
                      socket,
                      EventTypes.Close.UNAUTHENTICATED,
                      401,
                      abbreviate(ar.cause().getMessage()));
                }
              });
      return;
    }
    if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      resumes.closed(socket);
      outbound.closed(socket);
      if (guard.closed(socket)) {
        metrics.bridgeSockets().decrementAndGet();
      }
      event.complete(true);
      return;
    }
    if (event.type() == BridgeEventType.REGISTERED) {
      event.complete(true);
      JsonObject raw = event.getRawMessage();
      if (raw == null || !resumes.registered(socket, raw.getString("address"))) {
        confirm(vertx, socket, raw);
      }
      return;
    }
    if (event.type() == BridgeEventType.RECEIVE && resumes.received(event)
        || event.type() == BridgeEventType.REGISTER && resumes.register(event)) {
      return;
    }
    if (event.type() == BridgeEventType.RECEIVE) {
      // written here, bounded, instead of by the bridge, which would queue without limit
      event.complete(false);
      if (event.getRawMessage() != null) {
        outbound.write(socket, event.getRawMessage().encode());
      }
      return;
    }
    if (event.type() == BridgeEventType.UNREGISTER && event.getRawMessage() != null) {
      resumes.stop(socket, event.getRawMessage().getString("address"));
    }
    guard.decide(socket, event, denial -> outbound.write(socket, denial.encode()));
  }

  /**
   * Refuses a socket: an err frame with the HTTP-like status and the reason, then the close. The
   * raw WebSocket transport closes with {@code code} (4401, 4403); SockJS's framed transports can
   * only close with SockJS's own 3000 "Go away!" (vertx-web writes that frame itself), so the err
   * frame before it is where their clients read why.
   */
  private static void refuse(SockJSSocket socket, short code, int status, String reason) {
    socket.write(
        new JsonObject()
            .put("type", EventTypes.ERR)
            .put("status", status)
            .put("message", reason)
            .encode());
    socket.close(code, reason);
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
                      .put("type", EventTypes.REC)
                      .put("address", address)
                      .put("body", BridgeConfirmations.registered(address, -1))
                      .encode());
            });
  }
}
