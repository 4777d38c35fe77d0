package io.cleanercontext.intake;

import io.cleanercontext.config.ApiSettings;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Submission;
import io.cleanercontext.contract.SubmissionAccepted;
import io.cleanercontext.contract.TurnAccepted;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.ingest.Ingest;
import io.cleanercontext.security.Principal;
import io.cleanercontext.security.TenantRateLimiter;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The one way a turn enters: every entry point (REST single, batch and synchronous, transcript
 * import, the TCP and SockJS bridges, platform adapters) translates its transport into an {@link
 * IntakeRequest} and the {@link Answer} back, and nothing else. The steps, in order:
 *
 * <ol>
 *   <li><b>authorise</b>: the conversation id is a UUID the caller may write to (else 404, so ids
 *       do not leak);
 *   <li><b>validate</b>: each turn's fields ({@link TurnRules});
 *   <li><b>redact</b>: the raw text masked as the conversation's privacy rules say ({@link
 *       RedactStep}), before anything is stored or enqueued;
 *   <li><b>idempotency</b>: the key checked and the validated request hashed;
 *   <li><b>rate limit</b>: the tenant's turn rate (429, or 413 past its burst);
 *   <li><b>submit</b>: to the node's {@link Ingest} (stored as pending, enqueued), a call;
 *   <li><b>answer</b>: ingest's acceptance as an {@link Answer}.
 * </ol>
 *
 * The steps before the rate limit throw {@link ServiceException} at once (bad input), the later
 * ones fail the returned future. One per API instance, used on its event loop.
 */
public final class Intake {
  private final Ingest ingest;
  private final TurnRules rules;
  private final TenantRateLimiter limiter;
  private final int maxBatchTurns;
  private final int maxChars;
  private final RedactStep redact;

  /**
   * @param ingest the node's producer: a node's submissions never leave it, so a node that dies
   *     cannot take accepted-or-not requests of its peers with it
   */
  public Intake(Ingest ingest, ApiSettings api, TenantRateLimiter limiter, RedactStep redact) {
    this.ingest = ingest;
    this.rules = new TurnRules(api.maxTextChars());
    this.limiter = limiter;
    this.maxBatchTurns = api.maxBatchTurns();
    this.maxChars = api.maxTextChars();
    this.redact = redact;
  }

  /** Longest raw text of one turn, in characters. */
  public int maxChars() {
    return maxChars;
  }

  /** Most turns in one batch request. */
  public int maxBatchTurns() {
    return maxBatchTurns;
  }

  /** Runs the request through every step. */
  public Future<Answer> submit(IntakeRequest request) {
    return submit(request, turns -> {});
  }

  /**
   * Runs the request through every step; {@code beforeSubmit} sees the turns (with their ids) right
   * before they are submitted, e.g. to await a synchronous turn's result before it can arrive.
   */
  public Future<Answer> submit(IntakeRequest request, Consumer<List<TurnSubmission>> beforeSubmit) {
    UUID conversationId = authorise(request);
    List<TurnSubmission> validated = rules.validate(request, conversationId, maxBatchTurns);
    IdempotencyKey key = IdempotencyKey.of(request.idempotencyKey(), request.idempotencyField());
    String requestHash = key == null ? null : key.requestHash(request.kind().hashName, validated);
    return redact
        .apply(validated)
        .compose(
            turns ->
                rateLimit(request.caller().tenant(), turns.size())
                    .compose(
                        admitted -> {
                          beforeSubmit.accept(turns);
                          return submitInOrder(turns, key, requestHash);
                        }))
        .map(accepted -> Answer.of(conversationId.toString(), accepted, request.receivedAt()));
  }

  private UUID authorise(IntakeRequest request) {
    String field = request.conversationField();
    UUID id;
    try {
      id = UUID.fromString(request.conversationId());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " must be a UUID", field);
    }
    Principal caller = request.caller();
    if (!caller.covers(id.toString())) {
      throw new ServiceException(ErrorCode.NOT_FOUND, "conversation " + id + " not found", field);
    }
    if (!caller.has(Principal.WRITE)) {
      throw new ServiceException(ErrorCode.FORBIDDEN, "submitting turns needs the write scope");
    }
    return id;
  }

  /**
   * Counts turns against the tenant's rate (cluster-wide with Redis); fails with 429 (with the
   * seconds to wait) when over it, and with 413 when more turns than the tenant's burst come at
   * once.
   */
  private Future<Void> rateLimit(String tenant, int turns) {
    if (turns > limiter.burst()) {
      // more than the bucket can ever hold: a 429 would tell the client to retry what can never
      // pass
      return Future.failedFuture(
          new ServiceException(
              ErrorCode.PAYLOAD_TOO_LARGE,
              turns
                  + " turns in one request; at most "
                  + (long) limiter.burst()
                  + " (the tenant's burst, turn_burst_per_tenant) can be accepted at once",
              "turns"));
    }
    return limiter.take(tenant, turns);
  }

  /**
   * Hands the turns to ingest in their order, as submissions of at most {@code max_batch_turns} (a
   * transcript's turns may be more): each stored all or none, one after the other.
   */
  private Future<SubmissionAccepted> submitInOrder(
      List<TurnSubmission> turns, IdempotencyKey key, String requestHash) {
    if (turns.isEmpty()) {
      return Future.succeededFuture(new SubmissionAccepted(List.of(), false));
    }
    if (turns.size() <= maxBatchTurns) {
      return ingest.submit(new Submission(turns, key == null ? null : key.value(), requestHash));
    }
    return submitFrom(turns, 0, new ArrayList<>());
  }

  private Future<SubmissionAccepted> submitFrom(
      List<TurnSubmission> turns, int from, List<TurnAccepted> accepted) {
    if (from == turns.size()) {
      return Future.succeededFuture(new SubmissionAccepted(accepted, false));
    }
    int to = Math.min(turns.size(), from + maxBatchTurns);
    return ingest
        .submit(new Submission(turns.subList(from, to), null, null))
        .compose(
            reply -> {
              accepted.addAll(reply.turns());
              return submitFrom(turns, to, accepted);
            });
  }
}
