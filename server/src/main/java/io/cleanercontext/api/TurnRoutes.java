package io.cleanercontext.api;

import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * Turns: submit synchronously ({@link SyncTurnRoute}: waits for the cleaned turn) or for real time
 * (202 once stored and enqueued), list them, parse raw transcripts ({@link TranscriptRoutes}). Both
 * submit paths go through the same queue, so a conversation has one order whichever path its turns
 * take.
 */
final class TurnRoutes {
  private final Vertx vertx;
  private final ApiDeployment config;
  private final ConversationStore conversations;
  private final TurnStore turns;
  private final TurnValidation validation;
  private final SyncTurnRoute sync;
  private final TranscriptRoutes transcripts;

  TurnRoutes(
      Vertx vertx,
      ApiDeployment config,
      ConversationStore conversations,
      TurnStore turns,
      SyncResults results,
      String resultsAddress,
      TurnValidation validation) {
    this.vertx = vertx;
    this.config = config;
    this.conversations = conversations;
    this.turns = turns;
    this.validation = validation;
    this.sync =
        new SyncTurnRoute(
            vertx, config.queue().syncTimeoutMs(), turns, results, resultsAddress, validation);
    this.transcripts = new TranscriptRoutes(vertx, validation, maxBatchTurns());
  }

  void mount(Router api) {
    transcripts.mount(api);
    sync.mount(api);
    api.post("/conversations/:id/turns/realtime")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createRealtime);
    api.post("/conversations/:id/turns/realtime/batch")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createRealtimeBatch);
    api.get("/conversations/:id/turns").handler(Access.require(Scope.READ)).handler(this::list);
  }

  private void createRealtime(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    TurnSubmission submission =
        validation.submission(id, Requests.jsonBody(ctx), null, receivedAt, Access.tenant(ctx));
    TurnValidation.Key key = IdempotencyHeaders.key(ctx);
    validation
        .limit(Access.tenant(ctx), 1)
        .compose(admitted -> TurnValidation.submit(vertx, submission, key))
        .onSuccess(
            accepted -> {
              IdempotencyHeaders.markReplayed(ctx, accepted);
              Responses.json(
                  ctx,
                  202,
                  AcceptedBodies.turn(
                      accepted.turns().get(0), System.currentTimeMillis() - receivedAt));
            })
        .onFailure(ctx::fail);
  }

  /**
   * Several turns of one conversation in one request, for callers that have them together (a
   * gateway relaying many calls, an import): stored in their order, all or none, each enqueued as
   * if posted alone. Replies 202 with one acceptance per turn, in order.
   */
  private void createRealtimeBatch(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    List<TurnSubmission> submissions =
        validation.submissions(
            id, Requests.jsonBody(ctx), receivedAt, Access.tenant(ctx), maxBatchTurns());
    TurnValidation.Key key = IdempotencyHeaders.key(ctx);
    validation
        .limit(Access.tenant(ctx), submissions.size())
        .compose(admitted -> TurnValidation.submitAll(vertx, submissions, key))
        .onSuccess(
            accepted -> {
              IdempotencyHeaders.markReplayed(ctx, accepted);
              Responses.json(
                  ctx,
                  202,
                  AcceptedBodies.batch(
                      id.toString(), accepted, System.currentTimeMillis() - receivedAt));
            })
        .onFailure(ctx::fail);
  }

  private int maxBatchTurns() {
    return config.api().maxBatchTurns();
  }

  private void list(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    String tenant = Access.tenant(ctx);
    long since = Requests.longQuery(ctx, "since_seq", 0, 0, Long.MAX_VALUE);
    int limit = Requests.intQuery(ctx, "limit", 100, 1, config.api().maxPageSize());
    ConversationRoutes.answerFor(
        ctx,
        conversations,
        tenant,
        id,
        c ->
            turns
                .page(tenant, id, since, limit)
                .map(
                    items ->
                        new JsonObject()
                            .put("conversation_id", id.toString())
                            .put("items", TurnBodies.array(items))
                            .put("since_seq", since)
                            .put("limit", limit)
                            .put("last_seq", c.lastSeq())
                            .put(
                                "next_since_seq",
                                items.isEmpty() ? since : items.get(items.size() - 1).seq())));
  }
}
