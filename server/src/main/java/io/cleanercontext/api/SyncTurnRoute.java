package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnAccepted;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * {@code POST /conversations/{id}/turns}: submits the turn through the same queue as real-time
 * turns and answers with the cleaned turn once its result arrives on this instance's results
 * address (or, for a retry of an idempotency key, once the first request's turn is stored).
 */
final class SyncTurnRoute {
  private final Vertx vertx;
  private final TurnStore turns;
  private final SyncResults results;
  private final String resultsAddress;
  private final TurnValidation validation;
  private final long timeoutMs;

  SyncTurnRoute(
      Vertx vertx,
      long timeoutMs,
      TurnStore turns,
      SyncResults results,
      String resultsAddress,
      TurnValidation validation) {
    this.vertx = vertx;
    this.turns = turns;
    this.results = results;
    this.resultsAddress = resultsAddress;
    this.validation = validation;
    this.timeoutMs = timeoutMs;
  }

  void mount(Router api) {
    api.post("/conversations/:id/turns")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createSync);
  }

  private void createSync(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    TurnSubmission submission =
        validation.submission(
            id, Requests.jsonBody(ctx), resultsAddress, receivedAt, Access.tenant(ctx));
    TurnValidation.Key key = IdempotencyHeaders.key(ctx);
    validation
        .limit(Access.tenant(ctx), 1)
        .onFailure(ctx::fail)
        .onSuccess(admitted -> submitSync(ctx, id, submission, key));
  }

  private void submitSync(
      RoutingContext ctx, UUID id, TurnSubmission submission, TurnValidation.Key key) {
    Future<JsonObject> awaited = results.await(submission.turnId(), timeoutMs);
    TurnValidation.submit(vertx, submission, key)
        .onFailure(
            e -> {
              results.cancel(submission.turnId());
              ctx.fail(e);
            })
        .onSuccess(
            reply -> {
              TurnAccepted accepted = reply.turns().get(0);
              Future<JsonObject> result = awaited;
              if (IdempotencyHeaders.markReplayed(ctx, reply)) {
                // A retry: the first request's turn is the answer, cleaned now or once it is.
                results.cancel(submission.turnId());
                result = awaitStored(Access.tenant(ctx), id, accepted.turnId(), accepted.seq());
              }
              result
                  .onSuccess(turn -> Responses.json(ctx, turn))
                  .onFailure(e -> notCleanedInTime(ctx, id, accepted));
            });
  }

  private void notCleanedInTime(RoutingContext ctx, UUID id, TurnAccepted accepted) {
    Problems.send(
        ctx,
        504,
        "turn "
            + accepted.turnId()
            + " (seq "
            + accepted.seq()
            + ") was accepted but not"
            + " cleaned within "
            + timeoutMs
            + " ms; it stays queued: read it later from GET /api/v1/conversations/"
            + id
            + "/turns",
        null);
  }

  /**
   * The stored turn once it has left pending: subscribes to the conversation's events first, then
   * reads the turn, so a result stored in between is seen one way or the other.
   */
  private Future<JsonObject> awaitStored(
      String tenant, UUID conversationId, String turnId, long seq) {
    Promise<JsonObject> promise = Promise.promise();
    MessageConsumer<JsonObject> events =
        vertx
            .eventBus()
            .consumer(
                Addresses.conversationTurns(conversationId.toString()),
                msg -> {
                  JsonObject turn = msg.body().getJsonObject("turn");
                  if (turn != null && turnId.equals(turn.getString("turn_id"))) {
                    promise.tryComplete(turn);
                  }
                });
    long timer = vertx.setTimer(timeoutMs, t -> promise.tryFail(new SyncResults.TimedOut()));
    events
        .completion()
        .compose(v -> turns.page(tenant, conversationId, seq - 1, 1))
        .onSuccess(
            page -> {
              StoredTurn turn = page.isEmpty() ? null : page.get(0);
              if (turn != null
                  && turnId.equals(turn.turnId())
                  && !"pending".equals(turn.status())) {
                promise.tryComplete(turn.toJson());
              }
            })
        .onFailure(promise::tryFail);
    return promise
        .future()
        .onComplete(
            ar -> {
              vertx.cancelTimer(timer);
              events.unregister();
            });
  }
}
