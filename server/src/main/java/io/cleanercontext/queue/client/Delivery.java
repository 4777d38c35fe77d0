package io.cleanercontext.queue.client;

import io.cleanercontext.contract.TurnJob;

/**
 * A job handed to a worker. It stays in flight until acked, retried or dead-lettered; if the worker
 * dies first it is reclaimed after an idle timeout.
 *
 * @param id the backend's delivery id (a stream entry id for Redis)
 * @param deliveries how many times the job has been handed out
 */
public record Delivery(String id, TurnJob job, long deliveries) {}
