package io.cleanercontext.realtime;

import io.cleanercontext.metrics.ProductMetrics;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /ws/conversations/{id}?since=<seq>&feeds=metrics,queue}: checks the conversation
 * and the Origin before the upgrade, then hands the socket to a {@link Subscriber}.
 */
public final class WebSocketGateway {
  private final Vertx vertx;
  private final JsonObject config;
  private final ConversationStore conversations;
  private final TurnStore turns;
  private final ProductMetrics metrics;

  public WebSocketGateway(Vertx vertx, JsonObject realtimeConfig, ConversationStore conversations, TurnStore turns) {
    this.vertx = vertx;
    this.config = realtimeConfig;
    this.conversations = conversations;
    this.turns = turns;
    this.metrics = ProductMetrics.of(vertx);
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
    if (!originAllowed(ctx.request().getHeader("Origin"), ctx.request().getHeader("Host"))) {
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
    // The upgrade happens after an asynchronous lookup: hold the request until then.
    ctx.request().pause();
    conversations.find(id).onComplete(ar -> {
      if (ar.failed()) {
        reject(ctx, 503, "cannot read the conversation: " + ar.cause().getMessage());
      } else if (ar.result() == null) {
        reject(ctx, 404, "conversation " + id + " not found");
      } else {
        long lastSeq = ar.result().getLong("last_seq");
        ctx.request().toWebSocket().onSuccess(ws ->
            new Subscriber(vertx, ws, id, from, lastSeq, feeds, config, turns, metrics).start());
      }
    });
  }

  /** Same-origin requests and configured origins; non-browser clients send no Origin. */
  private boolean originAllowed(String origin, String host) {
    if (origin == null) {
      return true;
    }
    JsonArray allowed = config.getJsonArray("allowed_origins", new JsonArray());
    if (allowed.contains(origin) || allowed.contains("*")) {
      return true;
    }
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private static void reject(RoutingContext ctx, int status, String detail) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .end(new JsonObject().put("title", "WebSocket refused").put("status", status).put("detail", detail).encode());
  }
}
