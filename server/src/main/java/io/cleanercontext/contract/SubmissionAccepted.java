package io.cleanercontext.contract;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
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
    try {
      vertx.eventBus().registerDefaultCodec(SubmissionAccepted.class, new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another ingest instance of this Vert.x registered it
    }
  }

  /** Hands the immutable reply over as it is; it never leaves the node. */
  private static final class LocalCodec
      implements MessageCodec<SubmissionAccepted, SubmissionAccepted> {
    @Override
    public void encodeToWire(Buffer buffer, SubmissionAccepted accepted) {
      throw new UnsupportedOperationException("ingest replies are local only");
    }

    @Override
    public SubmissionAccepted decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("ingest replies are local only");
    }

    @Override
    public SubmissionAccepted transform(SubmissionAccepted accepted) {
      return accepted;
    }

    @Override
    public String name() {
      return "cc-submission-accepted";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
