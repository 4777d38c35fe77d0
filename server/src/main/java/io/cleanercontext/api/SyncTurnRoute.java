package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnAccepted;
import io.cleanercontext.intake.Intake;
import io.cleanercontext.intake.IntakeRequest;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
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
  private final Intake intake;
  private final long timeoutMs;

  SyncTurnRoute(
      Vertx vertx,
      long timeoutMs,
      TurnStore turns,
      SyncResults results,
      String resultsAddress,
      Intake intake) {
    this.vertx = vertx;
    this.turns = turns;
    this.results = results;
    this.resultsAddress = resultsAddress;
    this.intake = intake;
    this.timeoutMs = timeoutMs;
  }

  void mount(Router api) {
    api.post("/conversations/:id/turns")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createSync);
  }

  private void createSync(RoutingContext ctx) {
    IntakeRequest request =
        TurnRoutes.request(
            ctx, IntakeRequest.Kind.TURN, List.of(Requests.jsonBody(ctx)), resultsAddress);
    // The result is awaited before the turn is submitted, so it cannot arrive unheard.
    Awaited awaited = new Awaited();
    intake
        .submit(
            request,
            turns -> {
              awaited.turnId = turns.get(0).turnId();
              awaited.result = results.await(awaited.turnId, timeoutMs);
            })
        .onFailure(
            e -> {
              if (awaited.turnId != null) {
                results.cancel(awaited.turnId);
              }
              ctx.fail(e);
            })
        .onSuccess(
            answer -> {
              TurnAccepted accepted = answer.first();
              Future<JsonObject> result = awaited.result;
              if (IdempotencyHeaders.markReplayed(ctx, answer)) {
                // A retry: the first request's turn is the answer, cleaned now or once it is.
                results.cancel(awaited.turnId);
                String tenant = Access.tenant(ctx);
                UUID id = UUID.fromString(answer.conversationId());
                result = awaitStored(tenant, id, accepted.turnId(), accepted.seq());
              }
              result
                  .onSuccess(turn -> Responses.json(ctx, turn))
                  .onFailure(
                      e ->
                          notCleanedInTime(
                              ctx, UUID.fromString(answer.conversationId()), accepted));
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
              if (turn != null && turnId.equals(turn.turnId()) && turn.status().done()) {
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

  /** The synchronous turn's id and its awaited result, once the intake has chosen the id. */
  private static final class Awaited {
    String turnId;
    Future<JsonObject> result;
  }
}
