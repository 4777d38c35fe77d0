package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.integrations.HookRequest;
import io.cleanercontext.integrations.PlatformMessage;
import io.cleanercontext.integrations.PlatformTurn;
import io.cleanercontext.integrations.Source;
import io.cleanercontext.integrations.SpeakerMap;
import io.cleanercontext.store.ConversationCompletions;
import io.cleanercontext.store.IntegrationRow;
import io.cleanercontext.store.IntegrationStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;

/**
 * {@code POST /api/v1/integrations/{source}/{integration_id}}: what a voice pipeline sends, as it
 * sends it. The integration's secret authenticates the request the platform's way (no bearer token:
 * the platforms cannot send one), so this route is mounted before {@link Access}. The platform's
 * call is one conversation of the integration's tenant, created on its first message; each final
 * utterance goes through the same intake as {@code POST .../turns/realtime} (validation, the
 * tenant's turn rate, the queue) with the platform's message id as its idempotency key, so a retry
 * stores nothing new ({@link PlatformTurns}); an utterance sent in final segments (Deepgram) is
 * held segment by segment until it ends and then becomes one turn ({@link HeldUtterances}); partial
 * utterances are published to the conversation's subscribers as {@link EventTypes#TURN_INTERIM} and
 * never stored.
 */
final class IntegrationHookRoute {
  private final Vertx vertx;
  private final IntegrationStore integrations;
  private final PlatformTurns turns;
  private final HeldUtterances held;
  private final ConversationCompletions completions;
  private final long maxBodyBytes;

  IntegrationHookRoute(
      Vertx vertx,
      IntegrationStore integrations,
      PlatformTurns turns,
      HeldUtterances held,
      ConversationCompletions completions,
      long maxBodyBytes) {
    this.vertx = vertx;
    this.integrations = integrations;
    this.turns = turns;
    this.held = held;
    this.completions = completions;
    this.maxBodyBytes = maxBodyBytes;
  }

  static String hookPath(String source, UUID id) {
    return "/api/v1/integrations/" + source + "/" + id;
  }

  /** Mounted before {@link Access}: the route authenticates its requests itself. */
  void mount(Router api) {
    api.post("/integrations/:source/:integration_id")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::receive);
  }

  private void receive(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    Source source =
        Source.fromWire(ctx.pathParam("source"))
            .orElseThrow(
                () ->
                    new ServiceException(
                        ErrorCode.NOT_FOUND,
                        "no integration source '"
                            + ctx.pathParam("source")
                            + "'; one of "
                            + Source.names()));
    UUID id = Requests.uuidParam(ctx, "integration_id");
    integrations
        .find(id)
        .compose(
            row -> {
              if (row == null || !row.source().equals(source.wireName())) {
                return Future.failedFuture(IntegrationRoutes.notFound(id));
              }
              HookRequest request = request(ctx, row, receivedAt);
              source.adapter().verify(request, row.secret());
              PlatformMessage message = source.adapter().parse(request);
              if (message.ignored()) {
                return Future.succeededFuture(
                    new JsonObject().put("status", "ignored").put("event", message.event()));
              }
              SpeakerMap speakers = HeldUtterances.speakers(row);
              // Every turn's speaker and text checked before anything is stored or created.
              for (PlatformTurn turn : message.turns()) {
                speakers.labelOf(turn.speakerKey());
                Fields.checkText(turn.text(), "raw_text", turns.maxChars());
              }
              if (message.turns().isEmpty()
                  && !message.utteranceEnds().isEmpty()
                  && !message.callEnded()) {
                // Only the end of utterances: nothing to create a conversation for.
                return integrations
                    .knownConversation(row, message.callId())
                    .compose(
                        conversation ->
                            conversation == null
                                ? Future.succeededFuture(
                                    answer(message, null, new JsonArray())
                                        .put("segments", new JsonArray()))
                                : apply(row, speakers, message, conversation, receivedAt));
              }
              return integrations
                  .conversationOf(row, message.callId())
                  .compose(conversation -> apply(row, speakers, message, conversation, receivedAt));
            })
        .onSuccess(answer -> Responses.json(ctx, answer))
        .onFailure(ctx::fail);
  }

  private static HookRequest request(RoutingContext ctx, IntegrationRow row, long now) {
    String url = row.publicUrl() != null ? row.publicUrl() : ctx.request().absoluteURI();
    return new HookRequest(
        url,
        ctx.request().headers(),
        ctx.body().buffer() == null ? io.vertx.core.buffer.Buffer.buffer() : ctx.body().buffer(),
        ctx.queryParams().get("call_id"),
        row.options(),
        now);
  }

  /**
   * The message's turns in order (a segment of an utterance held), then the utterances it ends,
   * then the end of the call; the answer says what became of each.
   */
  private Future<JsonObject> apply(
      IntegrationRow row,
      SpeakerMap speakers,
      PlatformMessage message,
      UUID conversation,
      long receivedAt) {
    JsonArray outcomes = new JsonArray();
    JsonArray segments = new JsonArray();
    String call = message.callId();
    Future<Void> chain = Future.succeededFuture();
    for (PlatformTurn turn : message.turns()) {
      chain =
          chain.compose(
              v -> {
                String label = speakers.labelOf(turn.speakerKey());
                if (!turn.isFinal()) {
                  publishInterim(row, conversation, label, turn);
                  outcomes.add(new JsonObject().put("status", "interim"));
                  return Future.succeededFuture();
                }
                if (turn.segment() != null) {
                  return held.hold(row, call, conversation, turn).map(segments::add).mapEmpty();
                }
                return turns
                    .submit(
                        row,
                        conversation,
                        label,
                        turn.text(),
                        turn.words(),
                        turn.messageId(),
                        receivedAt)
                    .map(outcomes::add)
                    .mapEmpty();
              });
    }
    for (PlatformMessage.UtteranceEnd end : message.utteranceEnds()) {
      chain =
          chain.compose(
              v ->
                  held.end(row, call, conversation, end, receivedAt)
                      .map(
                          joined -> {
                            joined.forEach(outcomes::add);
                            return null;
                          }));
    }
    if (message.callEnded()) {
      // The end recorded on the call, and the conversation completed as POST .../complete does
      // (its conversation.completed webhook fires once every turn accepted before it is cleaned).
      chain =
          chain
              .compose(v -> integrations.endCall(row, message.callId()))
              .compose(
                  v ->
                      completions.request(
                          row.tenant(), conversation, ConversationCompletions.BY_PLATFORM))
              .mapEmpty();
    }
    return chain.map(v -> answer(message, conversation, outcomes).put("segments", segments));
  }

  private static JsonObject answer(PlatformMessage message, UUID conversation, JsonArray turns) {
    return new JsonObject()
        .put("status", "accepted")
        .put("event", message.event())
        .put("conversation_id", conversation == null ? null : conversation.toString())
        .put("call_id", message.callId())
        .put("call_ended", message.callEnded())
        .put("turns", turns);
  }

  private void publishInterim(
      IntegrationRow row, UUID conversation, String label, PlatformTurn turn) {
    JsonArray words = RecognizedWord.toJson(turn.words());
    JsonObject event =
        new JsonObject()
            .put("type", EventTypes.TURN_INTERIM)
            .put("conversation_id", conversation.toString())
            .put("speaker", label)
            .put("role", Speaker.fromLabel(label).map(Speaker::wireName).orElse(null))
            .put("text", turn.text())
            .put("words", words == null ? new JsonArray() : words)
            .put("source", row.source())
            .put("sent_at", System.currentTimeMillis());
    vertx.eventBus().publish(Addresses.conversationTurns(conversation.toString()), event);
  }
}
