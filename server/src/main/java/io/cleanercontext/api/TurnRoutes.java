package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.transcript.TranscriptParser;
import io.cleanercontext.transcript.TranscriptParser.ParsedTurn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * Turns: submit synchronously (waits for the cleaned turn) or for real time (202 once stored and
 * enqueued), list them, parse raw transcripts. Both submit paths go through the same queue, so a
 * conversation has one order whichever path its turns take.
 */
final class TurnRoutes {
  /**
   * Request header naming a submission so that a retry of it stores nothing new (RFC draft
   * "Idempotency-Key").
   */
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Response header on the first answer given again for a key. */
  static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  private final Vertx vertx;
  private final JsonObject config;
  private final ConversationStore conversations;
  private final TurnStore turns;
  private final SyncResults results;
  private final String resultsAddress;
  private final TurnValidation validation;

  TurnRoutes(
      Vertx vertx,
      JsonObject config,
      ConversationStore conversations,
      TurnStore turns,
      SyncResults results,
      String resultsAddress,
      TurnValidation validation) {
    this.vertx = vertx;
    this.config = config;
    this.conversations = conversations;
    this.turns = turns;
    this.results = results;
    this.resultsAddress = resultsAddress;
    this.validation = validation;
  }

  void mount(Router api) {
    api.post("/conversations/parse-transcript")
        .handler(Access.require(Scope.WRITE))
        .handler(this::parseTranscript);
    api.post("/conversations/:id/turns")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createSync);
    api.post("/conversations/:id/turns/realtime")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createRealtime);
    api.post("/conversations/:id/turns/realtime/batch")
        .handler(Access.require(Scope.WRITE))
        .handler(this::createRealtimeBatch);
    api.get("/conversations/:id/turns").handler(Access.require(Scope.READ)).handler(this::list);
  }

  private int maxChars() {
    return validation.maxChars();
  }

  private Future<JsonObject> submit(TurnSubmission submission) {
    return TurnValidation.submit(vertx, submission);
  }

  private void createSync(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    TurnSubmission submission =
        validation.submission(
            id, Requests.jsonBody(ctx), resultsAddress, receivedAt, Access.tenant(ctx));
    TurnValidation.Key key = idempotencyKey(ctx);
    long timeout = config.getJsonObject("queue").getLong("sync_timeout_ms", 30_000L);
    validation
        .limit(Access.tenant(ctx), 1)
        .onFailure(ctx::fail)
        .onSuccess(admitted -> submitSync(ctx, id, submission, key, timeout));
  }

  private void submitSync(
      RoutingContext ctx,
      UUID id,
      TurnSubmission submission,
      TurnValidation.Key key,
      long timeout) {
    Future<JsonObject> awaited = results.await(submission.turnId(), timeout);
    TurnValidation.submit(vertx, submission, key)
        .onFailure(
            e -> {
              results.cancel(submission.turnId());
              ctx.fail(e);
            })
        .onSuccess(
            accepted -> {
              Future<JsonObject> result = awaited;
              if (replayed(ctx, accepted)) {
                // A retry: the first request's turn is the answer, cleaned now or once it is.
                results.cancel(submission.turnId());
                result =
                    awaitStored(
                        Access.tenant(ctx),
                        id,
                        accepted.getString("turn_id"),
                        accepted.getLong("seq"),
                        timeout);
              }
              result
                  .onSuccess(turn -> Responses.json(ctx, turn))
                  .onFailure(
                      e ->
                          Problems.send(
                              ctx,
                              504,
                              "turn "
                                  + accepted.getString("turn_id")
                                  + " (seq "
                                  + accepted.getLong("seq")
                                  + ") was accepted but not"
                                  + " cleaned within "
                                  + timeout
                                  + " ms; it stays queued: read it later from GET /api/v1/conversations/"
                                  + id
                                  + "/turns",
                              null));
            });
  }

  /** The request's Idempotency-Key, checked, or null. */
  private static TurnValidation.Key idempotencyKey(RoutingContext ctx) {
    return TurnValidation.Key.of(Requests.singleHeader(ctx, IDEMPOTENCY_KEY), IDEMPOTENCY_KEY);
  }

  /** Whether ingest answered a retry with its first answer; if so, says it in a response header. */
  private static boolean replayed(RoutingContext ctx, JsonObject accepted) {
    if (accepted.remove(TurnSubmission.REPLAYED) == null) {
      return false;
    }
    ctx.response().putHeader(IDEMPOTENT_REPLAYED, "true");
    return true;
  }

  /**
   * The stored turn once it has left pending: subscribes to the conversation's events first, then
   * reads the turn, so a result stored in between is seen one way or the other.
   */
  private Future<JsonObject> awaitStored(
      String tenant, UUID conversationId, String turnId, long seq, long timeoutMs) {
    io.vertx.core.Promise<JsonObject> promise = io.vertx.core.Promise.promise();
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
              JsonObject turn = page.isEmpty() ? null : page.getJsonObject(0);
              if (turn != null
                  && turnId.equals(turn.getString("turn_id"))
                  && !"pending".equals(turn.getString("status"))) {
                promise.tryComplete(turn);
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

  private void createRealtime(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    TurnSubmission submission =
        validation.submission(id, Requests.jsonBody(ctx), null, receivedAt, Access.tenant(ctx));
    TurnValidation.Key key = idempotencyKey(ctx);
    validation
        .limit(Access.tenant(ctx), 1)
        .compose(admitted -> TurnValidation.submit(vertx, submission, key))
        .onSuccess(
            accepted -> {
              replayed(ctx, accepted);
              Responses.json(
                  ctx, 202, accepted.put("queue_time_ms", System.currentTimeMillis() - receivedAt));
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
    TurnValidation.Key key = idempotencyKey(ctx);
    validation
        .limit(Access.tenant(ctx), submissions.size())
        .compose(admitted -> TurnValidation.submitAll(vertx, submissions, key))
        .onSuccess(
            reply -> {
              replayed(ctx, reply);
              Responses.json(
                  ctx,
                  202,
                  new JsonObject()
                      .put("conversation_id", id.toString())
                      .put("accepted", reply.getJsonArray("accepted"))
                      .put("queue_time_ms", System.currentTimeMillis() - receivedAt));
            })
        .onFailure(ctx::fail);
  }

  private int maxBatchTurns() {
    return config.getJsonObject("api").getInteger("max_batch_turns", 100);
  }

  private void list(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    String tenant = Access.tenant(ctx);
    long since = Requests.longQuery(ctx, "since_seq", 0, 0, Long.MAX_VALUE);
    int limit =
        Requests.intQuery(
            ctx, "limit", 100, 1, config.getJsonObject("api").getInteger("max_page_size", 500));
    conversations
        .find(tenant, id)
        .compose(
            c -> {
              if (c == null) {
                throw ConversationRoutes.notFound(id);
              }
              return turns
                  .page(tenant, id, since, limit)
                  .map(
                      items ->
                          new JsonObject()
                              .put("conversation_id", id.toString())
                              .put("items", items)
                              .put("since_seq", since)
                              .put("limit", limit)
                              .put("last_seq", c.getLong("last_seq"))
                              .put(
                                  "next_since_seq",
                                  items.isEmpty()
                                      ? since
                                      : items.getJsonObject(items.size() - 1).getLong("seq")));
            })
        .onSuccess(body -> Responses.json(ctx, body))
        .onFailure(ctx::fail);
  }

  private void parseTranscript(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    JsonObject body = Requests.jsonBody(ctx);
    String transcript = Requests.requiredString(body, "transcript");
    int maxTranscript = maxChars() * 50;
    Requests.checkText(transcript, "transcript", maxTranscript);
    String conversationId = Requests.optionalString(body, "conversation_id");
    String level = Requests.optionalString(body, "cleaning_level");
    List<ParsedTurn> parsed = TranscriptParser.parse(transcript);
    JsonArray turnsJson = new JsonArray();
    int ai = 0;
    int noise = 0;
    for (ParsedTurn turn : parsed) {
      ai += turn.role() == Speaker.AI ? 1 : 0;
      noise += turn.hasNoise() ? 1 : 0;
      turnsJson.add(
          new JsonObject()
              .put("speaker", turn.speaker())
              .put("role", turn.role().wireName())
              .put("raw_text", turn.rawText())
              .put("voice_tags", new JsonArray(turn.voiceTags()))
              .put("has_noise", turn.hasNoise())
              .put("inferred", turn.inferred()));
    }
    JsonObject response =
        new JsonObject()
            .put("turns", turnsJson)
            .put(
                "stats",
                new JsonObject()
                    .put("total_turns", parsed.size())
                    .put("ai_turns", ai)
                    .put("user_turns", parsed.size() - ai)
                    .put("noise_turns", noise));
    if (conversationId == null) {
      Responses.json(ctx, response);
      return;
    }
    UUID id;
    try {
      id = UUID.fromString(conversationId);
    } catch (IllegalArgumentException e) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "conversation_id must be a UUID", "conversation_id");
    }
    Access.conversation(ctx, id);
    // Validate every turn before storing any, so a bad one leaves nothing half-appended.
    List<TurnSubmission> submissions = new java.util.ArrayList<>();
    for (ParsedTurn turn : parsed) {
      JsonObject turnBody =
          new JsonObject()
              .put("speaker", turn.speaker())
              .put("raw_text", turn.rawText())
              .put("cleaning_level", level);
      submissions.add(validation.submission(id, turnBody, null, receivedAt, Access.tenant(ctx)));
    }
    validation
        .limit(Access.tenant(ctx), submissions.size())
        .compose(admitted -> appendInOrder(submissions, 0, new JsonArray()))
        .onSuccess(
            accepted ->
                Responses.json(
                    ctx,
                    202,
                    response.put("conversation_id", id.toString()).put("accepted", accepted)))
        .onFailure(ctx::fail);
  }

  /**
   * Submits the transcript's turns in its order, as batches of at most {@code max_batch_turns}:
   * each batch is stored all or none, one after the other.
   */
  private Future<JsonArray> appendInOrder(
      List<TurnSubmission> submissions, int from, JsonArray accepted) {
    if (from == submissions.size()) {
      return Future.succeededFuture(accepted);
    }
    int to = Math.min(submissions.size(), from + maxBatchTurns());
    return TurnValidation.submitAll(vertx, submissions.subList(from, to))
        .compose(
            reply -> {
              reply
                  .getJsonArray("accepted")
                  .forEach(
                      a ->
                          accepted.add(
                              new JsonObject()
                                  .put("turn_id", ((JsonObject) a).getString("turn_id"))
                                  .put("seq", ((JsonObject) a).getLong("seq"))));
              return appendInOrder(submissions, to, accepted);
            });
  }
}
