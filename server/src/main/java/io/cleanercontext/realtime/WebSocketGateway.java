package io.cleanercontext.realtime;

import io.cleanercontext.config.RealtimeSettings;
import io.cleanercontext.contract.Problem;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.security.OriginPolicy;
import io.cleanercontext.security.Principal;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /ws/conversations/{id}?since=<seq>&feeds=metrics,queue[&access_token=...]}: before the
 * upgrade it checks the Origin, the token (header or {@code access_token}, since browsers cannot
 * set WebSocket headers), the {@code read} scope, the client's connection count, and that the
 * conversation is the tenant's own (another tenant's is 404); then hands the socket to a {@link
 * Subscriber}.
 */
public final class WebSocketGateway {
  private final ConversationStore conversations;
  private final Authenticator authenticator;
  private final OriginPolicy origins;
  private final ConnectionLimiter connections;
  private final LocalFanout fanout;
  private final Subscriber.Shared shared;

  public WebSocketGateway(
      Vertx vertx,
      RealtimeSettings realtime,
      ConversationStore conversations,
      TurnStore turns,
      Authenticator authenticator,
      OriginPolicy origins,
      ConnectionLimiter connections,
      ProductMetrics metrics) {
    this.conversations = conversations;
    this.authenticator = authenticator;
    this.origins = origins;
    this.connections = connections;
    this.fanout = new LocalFanout(vertx);
    this.shared =
        new Subscriber.Shared(
            vertx,
            turns,
            metrics,
            fanout,
            realtime.maxOutboundQueue(),
            realtime.idleTimeoutMs(),
            realtime.closeGraceMs());
    // One sweep pings every socket of this event loop, instead of a timer per socket.
    vertx.setPeriodic(realtime.pingIntervalMs(), t -> fanout.all().forEach(Subscriber::ping));
  }

  public void mount(Router router) {
    router.get("/ws/conversations/:id").handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    UUID id;
    long since;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
      String sinceParam = ctx.queryParams().get("since");
      since = sinceParam == null ? -1 : Long.parseLong(sinceParam);
      if (sinceParam != null && since < 0) {
        throw new NumberFormatException();
      }
    } catch (IllegalArgumentException e) {
      reject(ctx, 400, "conversation id must be a UUID and since a non-negative integer");
      return;
    }
    if (!origins.allows(ctx.request().getHeader("Origin"), ctx.request().getHeader("Host"))) {
      reject(ctx, 403, "origin not allowed");
      return;
    }
    Set<String> feeds = new HashSet<>();
    String feedParam = ctx.queryParams().get("feeds");
    if (feedParam != null) {
      for (String f : feedParam.split(",")) {
        feeds.add(f.strip());
      }
    }
    long from = since;
    // The upgrade happens after asynchronous checks: hold the request until then.
    ctx.request().pause();
    authenticator
        .authenticate(Authenticator.tokenOf(ctx.request().headers(), ctx.queryParams()))
        .compose(
            principal -> {
              if (!principal.has(Principal.READ)) {
                return Future.failedFuture(
                    Authenticator.forbidden("subscribing needs the 'read' scope"));
              }
              if (!principal.covers(id.toString())) {
                return Future.succeededFuture(new Object[] {principal, null});
              }
              return conversations
                  .lastSeq(principal.tenant(), id)
                  .map(lastSeq -> new Object[] {principal, lastSeq});
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                if (ar.cause() instanceof ServiceException se) {
                  reject(ctx, se.code().httpStatus(), se.getMessage());
                } else {
                  reject(ctx, 503, "cannot read the conversation: " + ar.cause().getMessage());
                }
                return;
              }
              Principal principal = (Principal) ar.result()[0];
              Long lastSeq = (Long) ar.result()[1];
              if (lastSeq == null) {
                reject(ctx, 404, "conversation " + id + " not found");
                return;
              }
              String client =
                  authenticator.enabled()
                      ? "sub:" + principal.tenant() + "/" + principal.subject()
                      : "ip:" + ctx.request().remoteAddress().hostAddress();
              HttpConnection connection = ctx.request().connection();
              connections
                  .open(client)
                  .onComplete(
                      opened -> {
                        ConnectionLimiter.Lease lease = opened.result();
                        if (lease == null) {
                          ctx.response().putHeader("Retry-After", "10");
                          reject(
                              ctx,
                              429,
                              "too many WebSockets for this client (at most "
                                  + connections.max()
                                  + ")");
                          return;
                        }
                        ctx.request()
                            .toWebSocket()
                            .onSuccess(
                                ws -> {
                                  // Vert.x 5.0 keeps the upgrade request and its 101 response for
                                  // the socket's whole life;
                                  // their headers were read above and are not needed again
                                  // (docs/PERFORMANCE.md: memory per socket).
                                  ws.headers().clear();
                                  ctx.response().headers().clear();
                                  new Subscriber(
                                          shared, ws, connection, principal.tenant(), from, lease)
                                      .start(id, lastSeq, feeds, principal.expiresAtMs());
                                })
                            .onFailure(e -> lease.release());
                      });
            });
  }

  /** Closes every socket of this gateway with 1001 and the reason (server shutdown). */
  public Future<Void> closeAll(String reason) {
    return Future.join(fanout.all().stream().map(s -> s.goAway(reason)).toList()).mapEmpty();
  }

  private static void reject(RoutingContext ctx, int status, String detail) {
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"cleanercontext\"");
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .end(Problem.of(status, detail, ctx.request().path()).encode());
  }
}
