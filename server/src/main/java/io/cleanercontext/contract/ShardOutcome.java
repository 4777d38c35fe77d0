package io.cleanercontext.contract;

/**
 * The shard's answer to a {@link TurnJob} its worker handed it, which tells its queue worker what
 * to do with the job's queue entry.
 *
 * @param turnId the turn that could not be cleaned (RETRY, DEAD_LETTER), else null
 * @param attempts the attempts counted for that turn so far (RETRY, DEAD_LETTER), else 0
 * @param error why it could not be cleaned or handled (RETRY, DEAD_LETTER, FAILED), else null
 */
public record ShardOutcome(Kind kind, String turnId, int attempts, String error) {

  /** What the worker does with the job. */
  public enum Kind {
    /** Every turn up to the job's seq is stored (by this job or an earlier one): acknowledge. */
    DONE,
    /** A turn could not be cleaned and was counted: hand the job back with backoff. */
    RETRY,
    /**
     * A turn failed its last attempt and is stored as failed (published as {@code turn.failed}):
     * dead-letter the job and enqueue a fresh one for the conversation's later turns.
     */
    DEAD_LETTER,
    /**
     * The shard could not handle the job (a read or store it needs failed) and counted nothing
     * against the turn: hand the job back with the first backoff.
     */
    FAILED
  }

  public static final ShardOutcome DONE = new ShardOutcome(Kind.DONE, null, 0, null);

  public static ShardOutcome retry(String turnId, int attempts, String error) {
    return new ShardOutcome(Kind.RETRY, turnId, attempts, error);
  }

  public static ShardOutcome failed(String error) {
    return new ShardOutcome(Kind.FAILED, null, 0, error);
  }

  public static ShardOutcome deadLetter(String turnId, int attempts, String error) {
    return new ShardOutcome(Kind.DEAD_LETTER, turnId, attempts, error);
  }
}
