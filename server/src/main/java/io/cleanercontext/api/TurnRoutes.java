package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.intake.Intake;
import io.cleanercontext.intake.IntakeRequest;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns: submit synchronously ({@link SyncTurnRoute}: waits for the cleaned turn) or for real time
 * (202 once stored and enqueued), list them or read one, parse raw transcripts ({@link
 * TranscriptRoutes}). Both submit paths go through the same queue, so a conversation has one order
 * whichever path its turns take.
 */
final class TurnRoutes {
  private final Vertx vertx;
  private final ApiDeployment config;
  private final ConversationStore conversations;
  private final TurnStore turns;
  private final Intake intake;
  private final SyncTurnRoute sync;
  private final TranscriptRoutes transcripts;

  TurnRoutes(
      Vertx vertx,
      ApiDeployment config,
      ConversationStore conversations,
      TurnStore turns,
      SyncResults results,
      String resultsAddress,
      Intake intake) {
    this.vertx = vertx;
    this.config = config;
    this.conversations = conversations;
    this.turns = turns;
    this.intake = intake;
    this.sync =
        new SyncTurnRoute(
            vertx, config.queue().syncTimeoutMs(), turns, results, resultsAddress, intake);
    this.transcripts = new TranscriptRoutes(intake);
  }

  /**
   * Mounted before the other API routes: the router tries routes in order, matching each path with
   * a parameter as a regular expression, so the turn posts (the hot path) are tried first.
   */
  void mount(Router api) {
    api.post("/conversations/:id/turns/realtime")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createRealtime);
    api.post("/conversations/:id/turns/realtime/batch")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createRealtimeBatch);
    sync.mount(api);
    transcripts.mount(api);
    api.get("/conversations/:id/turns").handler(Access.require(Scope.READ)).handler(this::list);
    api.get("/conversations/:id/turns/:turn_id")
        .handler(Access.require(Scope.READ))
        .handler(this::one);
  }

  private void createRealtime(RoutingContext ctx) {
    intake
        .submit(request(ctx, IntakeRequest.Kind.TURN, List.of(Requests.jsonBody(ctx)), null))
        .onSuccess(
            answer -> {
              IdempotencyHeaders.markReplayed(ctx, answer);
              Responses.json(ctx, 202, answer.turnBody());
            })
        .onFailure(ctx::fail);
  }

  /**
   * Several turns of one conversation in one request, for callers that have them together (a
   * gateway relaying many calls, an import): stored in their order, all or none, each enqueued as
   * if posted alone. Replies 202 with one acceptance per turn, in order.
   */
  private void createRealtimeBatch(RoutingContext ctx) {
    intake
        .submit(request(ctx, IntakeRequest.Kind.BATCH, turnsOf(Requests.jsonBody(ctx)), null))
        .onSuccess(
            answer -> {
              IdempotencyHeaders.markReplayed(ctx, answer);
              Responses.json(ctx, 202, answer.batchBody());
            })
        .onFailure(ctx::fail);
  }

  /**
   * An HTTP request to the {@code :id} conversation as the intake takes it: the caller, the turns,
   * the Idempotency-Key header.
   */
  static IntakeRequest request(
      RoutingContext ctx, IntakeRequest.Kind kind, List<JsonObject> turns, String replyTo) {
    long receivedAt = System.currentTimeMillis();
    UUID id = Requests.uuidParam(ctx, "id");
    return new IntakeRequest(
        kind,
        Access.principal(ctx),
        id.toString(),
        "id",
        turns,
        replyTo,
        Requests.singleHeader(ctx, IdempotencyHeaders.KEY),
        IdempotencyHeaders.KEY,
        receivedAt);
  }

  /**
   * The {@code turns} array of a batch body, a non-object entry as null (the intake names it), or
   * null when it is not an array.
   */
  static List<JsonObject> turnsOf(JsonObject body) {
    if (!(body.getValue("turns") instanceof JsonArray array)) {
      return null;
    }
    List<JsonObject> turns = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      turns.add(array.getValue(i) instanceof JsonObject turn ? turn : null);
    }
    return turns;
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

  /** One turn of the tenant's conversation, in its one JSON shape; 404 when there is none. */
  private void one(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    UUID turnId = Requests.uuidParam(ctx, "turn_id");
    turns
        .one(Access.tenant(ctx), id, turnId)
        .onSuccess(
            turn -> {
              if (turn == null) {
                ctx.fail(
                    new ServiceException(
                        ErrorCode.NOT_FOUND,
                        "turn " + turnId + " not found in conversation " + id,
                        "turn_id"));
              } else {
                Responses.json(ctx, turn.toJson());
              }
            })
        .onFailure(ctx::fail);
  }
}
