package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.intake.Intake;
import io.cleanercontext.intake.IntakeRequest;
import io.cleanercontext.security.Principal;
import io.cleanercontext.store.IntegrationRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A platform's final utterance through the intake, as the integration's tenant: the same steps as
 * {@code POST .../turns/realtime}, with the platform's identity of the utterance as the idempotency
 * key, so a retry stores nothing new. Used for whole utterances as they arrive and for utterances
 * joined from held segments ({@link HeldUtterances}).
 */
final class PlatformTurns {
  /** Longest idempotency key (the intake's limit). */
  private static final int MAX_KEY_LENGTH = 255;

  private final Intake intake;

  PlatformTurns(Intake intake) {
    this.intake = intake;
  }

  /** The longest text the intake accepts. */
  int maxChars() {
    return intake.maxChars();
  }

  /**
   * Submits one final utterance; answers {@code {status: accepted|duplicate, turn_id, seq}}.
   *
   * @param messageId the platform's identity of the utterance within its call
   */
  Future<JsonObject> submit(
      IntegrationRow row,
      UUID conversation,
      String label,
      String text,
      List<RecognizedWord> words,
      String messageId,
      long receivedAt) {
    JsonObject body =
        new JsonObject()
            .put("speaker", label)
            .put("raw_text", text)
            .put("cleaning_level", row.cleaningLevel());
    JsonArray wordArray = RecognizedWord.toJson(words);
    if (wordArray != null) {
      body.put("words", wordArray);
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
            key(row.source(), messageId),
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
              if (e instanceof ServiceException se && se.code() == ErrorCode.UNPROCESSABLE) {
                return Future.succeededFuture(new JsonObject().put("status", "duplicate"));
              }
              return Future.failedFuture(e);
            });
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
}
