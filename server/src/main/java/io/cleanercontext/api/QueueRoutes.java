package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Queue status and control; the workers answer over the event bus. */
final class QueueRoutes {
  private final Vertx vertx;
  private final ConversationStore conversations;
  private final TurnStore turns;

  QueueRoutes(Vertx vertx, ConversationStore conversations, TurnStore turns) {
    this.vertx = vertx;
    this.conversations = conversations;
    this.turns = turns;
  }

  void mount(Router api) {
    api.get("/queue/status").handler(Access.require(Scope.READ)).handler(this::status);
    api.post("/conversations/queue/start")
        .handler(Access.require(Scope.ADMIN))
        .handler(ctx -> control(ctx, "start"));
    api.post("/conversations/queue/stop")
        .handler(Access.require(Scope.ADMIN))
        .handler(ctx -> control(ctx, "stop"));
    api.get("/conversations/:id/queue/status")
        .handler(Access.require(Scope.READ))
        .handler(this::conversationStatus);
    api.post("/conversations/:id/queue/reset")
        .handler(Access.require(Scope.WRITE))
        .handler(this::reset);
  }

  private void status(RoutingContext ctx) {
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.QUEUE_STATUS, new JsonObject())
        .onSuccess(reply -> Responses.json(ctx, reply.body()))
        .onFailure(ctx::fail);
  }

  private void control(RoutingContext ctx, String action) {
    // Stopping waits for in-flight jobs to drain.
    vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.QUEUE_CONTROL,
            new JsonObject().put("action", action),
            new DeliveryOptions().setSendTimeout(65_000))
        .onSuccess(reply -> Responses.json(ctx, reply.body()))
        .onFailure(ctx::fail);
  }

  private void conversationStatus(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    String tenant = Access.tenant(ctx);
    ConversationRoutes.answerFor(
        ctx,
        conversations,
        tenant,
        id,
        c ->
            turns
                .statusCounts(tenant, id)
                .compose(
                    counts ->
                        conversations
                            .performance(tenant, id)
                            .map(
                                perf ->
                                    new JsonObject()
                                        .put("conversation_id", id.toString())
                                        .put("last_seq", c.lastSeq())
                                        .put(TurnStatus.PENDING.wireName(), counts.pending())
                                        .put("turns_by_status", TurnBodies.counts(counts))
                                        .put("performance", ConversationBodies.performance(perf))
                                        .put(
                                            "metrics_reset_at",
                                            c.metadata().getString("queue_metrics_reset_at")))));
  }

  private void reset(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    conversations
        .resetMetrics(Access.tenant(ctx), id)
        .map(at -> ConversationRoutes.found(at, id))
        .onSuccess(
            at ->
                Responses.json(
                    ctx,
                    new JsonObject()
                        .put("conversation_id", id.toString())
                        .put("metrics_reset_at", at)))
        .onFailure(ctx::fail);
  }
}
