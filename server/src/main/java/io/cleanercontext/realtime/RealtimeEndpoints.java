package io.cleanercontext.realtime;

import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Shutdown;
import io.cleanercontext.http.HttpEndpoints;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.security.OriginPolicy;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The realtime endpoints of the HTTP port: WebSocket {@code /ws/conversations/{id}} ({@link
 * WebSocketGateway}) and the SockJS event-bus bridge {@code /eventbus} ({@link
 * EventBusBridgeRoutes}), mounted by each API instance on its event loop. On shutdown they close
 * their sockets with 1001 and the reason.
 */
public final class RealtimeEndpoints implements HttpEndpoints {
  private final JsonObject config;
  private final ProductMetrics metrics;
  private final ConnectionLimiter webSockets;

  /**
   * @param config the whole configuration
   * @param webSockets the process's WebSockets per client, shared by the API instances
   */
  public RealtimeEndpoints(
      JsonObject config, ProductMetrics metrics, ConnectionLimiter webSockets) {
    this.config = config;
    this.metrics = metrics;
    this.webSockets = webSockets;
  }

  @Override
  public Future<Void> mount(Vertx vertx, Router router, Pool pool, Authenticator authenticator) {
    SecuritySettings security = SecuritySettings.from(config);
    JsonObject realtime = config.getJsonObject("realtime");
    ConversationStore conversations = new ConversationStore(pool);
    OriginPolicy origins = origins(security, realtime);
    WebSocketGateway gateway =
        new WebSocketGateway(
            vertx,
            realtime,
            conversations,
            new TurnStore(pool),
            authenticator,
            origins,
            webSockets,
            metrics);
    gateway.mount(router);
    BridgeGuard bridgeGuard =
        new BridgeGuard(
            authenticator,
            (tenant, id) -> conversations.lastSeq(tenant, id).map(seq -> seq != null));
    JsonObject bridgeConfig =
        realtime
            .copy()
            .put("max_address_length", security.maxAddressLength())
            .put("max_subscriptions_per_socket", security.maxSubscriptionsPerSocket());
    // SockJS's non-WebSocket transports (xhr_send, ...) read their frames from a buffered body
    router.post("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(65_536));
    router
        .route("/eventbus/*")
        .subRouter(EventBusBridgeRoutes.create(vertx, bridgeConfig, bridgeGuard, origins, metrics));
    return Shutdown.participate(
        vertx,
        phase -> {
          if (phase != Shutdown.Phase.CLOSE_SOCKETS) {
            return Future.succeededFuture();
          }
          for (Object socket : bridgeGuard.openSockets()) {
            if (socket instanceof SockJSSocket sockJs) {
              sockJs.close(1001, Shutdown.REASON);
            }
          }
          return gateway.closeAll(Shutdown.REASON);
        });
  }

  private static OriginPolicy origins(SecuritySettings security, JsonObject realtime) {
    List<String> allowed = new ArrayList<>(security.allowedOrigins());
    realtime
        .getJsonArray("allowed_origins", new JsonArray())
        .forEach(o -> allowed.add(String.valueOf(o)));
    return new OriginPolicy(allowed);
  }
}
