package io.cleanercontext.api;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.intake.Intake;
import io.cleanercontext.intake.IntakeRequest;
import io.cleanercontext.security.Scope;
import io.cleanercontext.transcript.TranscriptParser;
import io.cleanercontext.transcript.TranscriptParser.ParsedTurn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /conversations/parse-transcript}: parses a raw {@code AI} / {@code User} transcript
 * and, given a conversation, appends its turns to it in order.
 */
final class TranscriptRoutes {
  private final Intake intake;

  TranscriptRoutes(Intake intake) {
    this.intake = intake;
  }

  void mount(Router api) {
    api.post("/conversations/parse-transcript")
        .handler(Access.require(Scope.WRITE))
        .handler(this::parseTranscript);
  }

  private void parseTranscript(RoutingContext ctx) {
    long receivedAt = System.currentTimeMillis();
    JsonObject body = Requests.jsonBody(ctx);
    String transcript = Fields.requiredString(body, "transcript");
    int maxTranscript = intake.maxChars() * 50;
    Fields.checkText(transcript, "transcript", maxTranscript);
    String conversationId = Fields.optionalString(body, "conversation_id");
    String level = Fields.optionalString(body, "cleaning_level");
    List<ParsedTurn> parsed = TranscriptParser.parse(transcript);
    JsonObject response = parsedBody(parsed);
    if (conversationId == null) {
      Responses.json(ctx, response);
      return;
    }
    // Every turn is validated before any is stored, so a bad one leaves nothing half-appended.
    List<JsonObject> turns = new ArrayList<>(parsed.size());
    for (ParsedTurn turn : parsed) {
      turns.add(
          new JsonObject()
              .put("speaker", turn.speaker())
              .put("raw_text", turn.rawText())
              .put("cleaning_level", level));
    }
    IntakeRequest request =
        new IntakeRequest(
            IntakeRequest.Kind.TRANSCRIPT,
            Access.principal(ctx),
            conversationId,
            "conversation_id",
            turns,
            null,
            null,
            null,
            receivedAt);
    intake
        .submit(request)
        .onSuccess(
            answer ->
                Responses.json(
                    ctx,
                    202,
                    response
                        .put("conversation_id", answer.conversationId())
                        .put("accepted", answer.idsAndSeqs())))
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
}
