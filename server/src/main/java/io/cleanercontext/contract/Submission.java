package io.cleanercontext.contract;

import io.vertx.core.Vertx;
import java.util.List;

/**
 * Body of {@link Addresses#TURNS_SUBMIT}: validated turns of one conversation, stored in their
 * order, all or none. The address is local only, so the record travels as it is ({@link
 * #register(Vertx)}).
 *
 * @param idempotencyKey the client's idempotency key, or null
 * @param requestHash a hash of the validated request that goes with the key (tells a retry from a
 *     reuse of the key), or null
 */
public record Submission(List<TurnSubmission> turns, String idempotencyKey, String requestHash) {

  public Submission {
    turns = List.copyOf(turns);
  }

  /** Registers the local codec, once per Vert.x instance (a second call changes nothing). */
  public static void register(Vertx vertx) {
    LocalCodecs.register(vertx, Submission.class);
  }
}
