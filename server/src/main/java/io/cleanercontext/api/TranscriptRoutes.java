package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.security.Scope;
import io.cleanercontext.transcript.TranscriptParser;
import io.cleanercontext.transcript.TranscriptParser.ParsedTurn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /conversations/parse-transcript}: parses a raw {@code AI} / {@code User} transcript
 * and, given a conversation, appends its turns to it in order.
 */
final class TranscriptRoutes {
  private final Vertx vertx;
  private final TurnValidation validation;
  private final int maxBatchTurns;

  TranscriptRoutes(Vertx vertx, TurnValidation validation, int maxBatchTurns) {
    this.vertx = vertx;
    this.validation = validation;
    this.maxBatchTurns = maxBatchTurns;
  }

  void mount(Router api) {
    api.post("/conversations/parse-transcript")
        .handler(Access.require(Scope.WRITE))
        .handler(this::parseTranscript);
  }

  private void parseTranscript(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    JsonObject body = Requests.jsonBody(ctx);
    String transcript = Requests.requiredString(body, "transcript");
    int maxTranscript = validation.maxChars() * 50;
    Requests.checkText(transcript, "transcript", maxTranscript);
    String conversationId = Requests.optionalString(body, "conversation_id");
    String level = Requests.optionalString(body, "cleaning_level");
    List<ParsedTurn> parsed = TranscriptParser.parse(transcript);
    JsonObject response = parsedBody(parsed);
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
    List<TurnSubmission> submissions = new ArrayList<>();
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

  /** The parsed turns and their counts. */
  private static JsonObject parsedBody(List<ParsedTurn> parsed) {
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
    return new JsonObject()
        .put("turns", turnsJson)
        .put(
            "stats",
            new JsonObject()
                .put("total_turns", parsed.size())
                .put("ai_turns", ai)
                .put("user_turns", parsed.size() - ai)
                .put("noise_turns", noise));
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
    int to = Math.min(submissions.size(), from + maxBatchTurns);
    return TurnValidation.submitAll(vertx, submissions.subList(from, to))
        .compose(
            reply -> {
              AcceptedBodies.addIdsAndSeqs(reply, accepted);
              return appendInOrder(submissions, to, accepted);
            });
  }
}
