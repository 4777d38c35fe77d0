package io.cleanercontext.realtime;

import io.cleanercontext.config.RealtimeSettings;
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
  private final RealtimeSettings realtime;
  private final SecuritySettings security;
  private final ProductMetrics metrics;
  private final ConnectionLimiter webSockets;

  /**
   * @param realtime the realtime section (pings, queues, origins)
   * @param security the sockets' authentication and limits
   * @param metrics the process's meters
   * @param webSockets the process's WebSockets per client, shared by the API instances
   */
  public RealtimeEndpoints(
      RealtimeSettings realtime,
      SecuritySettings security,
      ProductMetrics metrics,
      ConnectionLimiter webSockets) {
    this.realtime = realtime;
    this.security = security;
    this.metrics = metrics;
    this.webSockets = webSockets;
  }

  @Override
  public Future<Void> mount(Vertx vertx, Router router, Pool pool, Authenticator authenticator) {
    ConversationStore conversations = new ConversationStore(pool);
    TurnStore turns = new TurnStore(pool);
    List<String> allowed = new ArrayList<>(security.allowedOrigins());
    allowed.addAll(realtime.allowedOrigins());
    OriginPolicy origins = new OriginPolicy(allowed);
    WebSocketGateway gateway =
        new WebSocketGateway(
            vertx, realtime, conversations, turns, authenticator, origins, webSockets, metrics);
    gateway.mount(router);
    BridgeGuard bridgeGuard =
        new BridgeGuard(
            authenticator,
            (tenant, id) -> conversations.lastSeq(tenant, id).map(seq -> seq != null));
    // SockJS's non-WebSocket transports (xhr_send, ...) read their frames from a buffered body
    router.post("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(65_536));
    router
        .route("/eventbus/*")
        .subRouter(
            EventBusBridgeRoutes.create(
                vertx, realtime, security, bridgeGuard, origins, authenticator, turns, metrics));
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
}
