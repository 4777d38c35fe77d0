package io.cleanercontext.intake;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnSubmission;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The intake's validate step: the rules a submitted turn must meet, whichever way it came in. Every
 * problem is a {@link ServiceException} naming its field; nothing of a request is stored unless all
 * of its turns pass.
 */
final class TurnRules {
  private final int maxChars;

  TurnRules(int maxChars) {
    this.maxChars = maxChars;
  }

  /** The turns of a request, validated in order; a batch's problems name the turn. */
  List<TurnSubmission> validate(IntakeRequest request, UUID conversationId, int maxBatchTurns) {
    List<JsonObject> bodies = request.turns();
    if (request.kind() == IntakeRequest.Kind.BATCH
        && (bodies == null || bodies.isEmpty() || bodies.size() > maxBatchTurns)) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          "turns must be an array of 1 to " + maxBatchTurns + " turns",
          "turns");
    }
    List<TurnSubmission> submissions = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      JsonObject body = bodies.get(i);
      if (request.kind() != IntakeRequest.Kind.BATCH) {
        submissions.add(turn(conversationId, body, request));
        continue;
      }
      String at = "turns[" + i + "]";
      if (body == null) {
        throw new ServiceException(ErrorCode.BAD_REQUEST, at + " must be an object", at);
      }
      try {
        submissions.add(turn(conversationId, body, request));
      } catch (ServiceException e) {
        String field = e.field() == null ? at : at + "." + e.field();
        throw new ServiceException(e.code(), at + ": " + e.getMessage(), field);
      }
    }
    return submissions;
  }

  /** One turn body into a submission. */
  private TurnSubmission turn(UUID conversationId, JsonObject body, IntakeRequest request) {
    String speaker = Fields.requiredString(body, "speaker").strip();
    Speaker role =
        Speaker.fromLabel(speaker)
            .orElseThrow(
                () ->
                    new ServiceException(
                        ErrorCode.BAD_REQUEST,
                        "speaker '"
                            + abbreviate(speaker)
                            + "' is not a known label; use one of "
                            + Speaker.labels(),
                        "speaker"));
    String rawText = Fields.requiredString(body, "raw_text");
    Fields.checkText(rawText, "raw_text", maxChars);
    String level = Fields.optionalString(body, "cleaning_level");
    CleaningLevel cleaningLevel =
        level == null
            ? CleaningLevel.FULL
            : CleaningLevel.fromWire(level)
                .orElseThrow(
                    () ->
                        new ServiceException(
                            ErrorCode.BAD_REQUEST,
                            "cleaning_level must be one of none, light, full, auto",
                            "cleaning_level"));
    Integer window = Fields.optionalInt(body, "sliding_window_size", 1, 100);
    return new TurnSubmission(
        UUID.randomUUID().toString(),
        conversationId.toString(),
        speaker,
        role,
        rawText,
        cleaningLevel.wireName(),
        window,
        request.replyTo(),
        request.receivedAt(),
        request.caller().tenant(),
        RecognizedWords.of(body, maxChars));
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
