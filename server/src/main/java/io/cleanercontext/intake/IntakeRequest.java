package io.cleanercontext.intake;

import io.cleanercontext.security.Principal;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A submission as an entry point hands it to the {@link Intake}, whatever its transport: who sends
 * it, to which conversation, the turns as sent, and what the transport adds (a reply address, an
 * idempotency key).
 *
 * @param kind how many turns the request holds and how errors name them
 * @param caller the caller, as its transport authenticated it
 * @param conversationId the conversation, as sent (checked by the intake)
 * @param conversationField the name of the field or parameter that carried the conversation id,
 *     named by a 400 or a 404
 * @param turns the turns' bodies, each {@code {speaker, raw_text, cleaning_level?,
 *     sliding_window_size?}}
 * @param replyTo the address awaiting the cleaned turn (synchronous calls), or null
 * @param idempotencyKey the key as sent, or null
 * @param idempotencyField the header or field the key came in, named by a 400
 * @param receivedAt epoch millis when the request arrived
 */
public record IntakeRequest(
    Kind kind,
    Principal caller,
    String conversationId,
    String conversationField,
    List<JsonObject> turns,
    String replyTo,
    String idempotencyKey,
    String idempotencyField,
    long receivedAt) {

  /** The shapes of a request. */
  public enum Kind {
    /** One turn ({@code POST .../turns[/realtime]}, a bridge submit without {@code turns}). */
    TURN("turn"),
    /**
     * 1 to {@code api.max_batch_turns} turns stored all or none; a problem names the turn ({@code
     * turns[3].raw_text}).
     */
    BATCH("batch"),
    /** A parsed transcript: any number of turns, stored in order in batches of the maximum. */
    TRANSCRIPT("transcript");

    /** What the idempotency hash calls this kind of request. */
    final String hashName;

    Kind(String hashName) {
      this.hashName = hashName;
    }
  }
}
