package io.cleanercontext.contract;

import java.util.List;

/**
 * What the intake hands to ingest ({@code ingest.Ingest}, called directly on the API instance's
 * event loop): validated turns of one conversation, stored in their order, all or none.
 *
 * @param idempotencyKey the client's idempotency key, or null
 * @param requestHash a hash of the validated request that goes with the key (tells a retry from a
 *     reuse of the key), or null
 */
public record Submission(List<TurnSubmission> turns, String idempotencyKey, String requestHash) {

  public Submission {
    turns = List.copyOf(turns);
  }
}
