package io.cleanercontext.contract;

/**
 * A turn stored as pending, as the queue worker holds it: what the shard cleans and what the worker
 * needs to deliver the result. The same whether ingest put it in the job ({@link
 * TurnJob#carried()}) or the worker read it back from PostgreSQL.
 *
 * @param turn what the shard cleans
 * @param replyTo the synchronous caller's results address, or null
 * @param receivedAt epoch millis when its request arrived
 */
public record PendingTurn(TurnToClean turn, String replyTo, long receivedAt) {}
