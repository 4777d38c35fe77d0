package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.intake.Intake;
import io.cleanercontext.intake.IntakeRequest;
import io.cleanercontext.integrations.HookRequest;
import io.cleanercontext.integrations.PlatformMessage;
import io.cleanercontext.integrations.PlatformTurn;
import io.cleanercontext.integrations.Source;
import io.cleanercontext.integrations.SpeakerMap;
import io.cleanercontext.security.Principal;
import io.cleanercontext.store.ConversationCompletions;
import io.cleanercontext.store.IntegrationRow;
import io.cleanercontext.store.IntegrationStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /api/v1/integrations/{source}/{integration_id}}: what a voice pipeline sends, as it
 * sends it. The integration's secret authenticates the request the platform's way (no bearer token:
 * the platforms cannot send one), so this route is mounted before {@link Access}. The platform's
 * call is one conversation of the integration's tenant, created on its first message; each final
 * utterance goes through the same intake as {@code POST .../turns/realtime} (validation, the
 * tenant's turn rate, the queue) with the platform's message id as its idempotency key, so a retry
 * stores nothing new; partial utterances are published to the conversation's subscribers as {@link
 * EventTypes#TURN_INTERIM} and never stored.
 */
final class IntegrationHookRoute {
  /** Longest idempotency key (the intake's limit). */
  private static final int MAX_KEY_LENGTH = 255;

  private final Vertx vertx;
  private final IntegrationStore integrations;
  private final Intake intake;
  private final ConversationCompletions completions;
  private final long maxBodyBytes;

  IntegrationHookRoute(
      Vertx vertx,
      IntegrationStore integrations,
      Intake intake,
      ConversationCompletions completions,
      long maxBodyBytes) {
    this.vertx = vertx;
    this.integrations = integrations;
    this.intake = intake;
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
              SpeakerMap speakers = SpeakerMap.of(source, labels(row.speakers()));
              // Every turn's speaker and text checked before anything is stored or created.
              for (PlatformTurn turn : message.turns()) {
                speakers.labelOf(turn.speakerKey());
                Fields.checkText(turn.text(), "raw_text", intake.maxChars());
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
   * The message's turns in order, then the end of the call; the answer says what became of each.
   */
  private Future<JsonObject> apply(
      IntegrationRow row,
      SpeakerMap speakers,
      PlatformMessage message,
      UUID conversation,
      long receivedAt) {
    JsonArray outcomes = new JsonArray();
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
                return submit(row, conversation, label, turn, receivedAt)
                    .map(
                        outcome -> {
                          outcomes.add(outcome);
                          return null;
                        });
              });
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
    return chain.map(
        v ->
            new JsonObject()
                .put("status", "accepted")
                .put("event", message.event())
                .put("conversation_id", conversation.toString())
                .put("call_id", message.callId())
                .put("call_ended", message.callEnded())
                .put("turns", outcomes));
  }

  /**
   * One final utterance through the intake, as the integration's tenant: the same steps as {@code
   * POST .../turns/realtime}, with the platform's message id as the idempotency key.
   */
  private Future<JsonObject> submit(
      IntegrationRow row, UUID conversation, String label, PlatformTurn turn, long receivedAt) {
    JsonObject body =
        new JsonObject()
            .put("speaker", label)
            .put("raw_text", turn.text())
            .put("cleaning_level", row.cleaningLevel());
    JsonArray words = RecognizedWord.toJson(turn.words());
    if (words != null) {
      body.put("words", words);
    }
    Principal integration =
        new Principal(
            "integration:" + row.id(), row.tenant(), null, Set.of(Principal.WRITE), Long.MAX_VALUE);
    IntakeRequest request =
        new IntakeRequest(
            IntakeRequest.Kind.TURN,
            integration,
            conversation.toString(),
            "call",
            List.of(body),
            null,
            key(row.source(), turn.messageId()),
            "message id",
            receivedAt);
    return intake
        .submit(request)
        .map(
            answer ->
                new JsonObject()
                    .put("status", answer.replayed() ? "duplicate" : "accepted")
                    .put("turn_id", answer.first().turnId())
                    .put("seq", answer.first().seq()))
        .recover(
            e -> {
              // The platform sent its message id again with another body: the first one stands.
              if (e instanceof ReplyException re
                  && ErrorCode.of(re.failureCode()) == ErrorCode.UNPROCESSABLE) {
                return Future.succeededFuture(new JsonObject().put("status", "duplicate"));
              }
              return Future.failedFuture(e);
            });
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

  /**
   * The idempotency key of a platform's message within its conversation: its id, hashed when too
   * long or not printable ASCII for a key.
   */
  static String key(String source, String messageId) {
    String key = source + ":" + messageId;
    boolean fits =
        key.length() <= MAX_KEY_LENGTH && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    if (fits) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return source + ":sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> labels(JsonObject speakers) {
    Map<String, String> labels = new HashMap<>();
    speakers.forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    return labels;
  }
}
