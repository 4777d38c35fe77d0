package io.cleanercontext.contract;

import io.vertx.core.Vertx;
import java.util.List;

/**
 * Ingest's reply on {@link Addresses#TURNS_SUBMIT} (one turn) and {@link
 * Addresses#TURNS_SUBMIT_BATCH} (a batch's turns, in order). Both addresses are local only, so the
 * reply travels as this object, through {@link #register(Vertx)}'s codec: no JSON on the way.
 *
 * @param replayed true when this is the first answer given again for an idempotency key (nothing
 *     was stored)
 */
public record SubmissionAccepted(List<TurnAccepted> turns, boolean replayed) {

  /** Registers the local codec, once per Vert.x instance (a second call changes nothing). */
  public static void register(Vertx vertx) {
    LocalCodecs.register(vertx, SubmissionAccepted.class);
  }
}
