package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The retention sweep's statements: conversations with no activity for longer than their tenant's
 * {@code retention_days} are deleted with everything attached (V11), a bounded batch at a time, by
 * one node of a cluster at a time: the batch runs in a transaction holding a PostgreSQL advisory
 * lock, which another node's sweep does not wait for (it skips its turn). The scan narrows by
 * creation time (a conversation idle since a moment was created before it) through the (tenant,
 * created_at) index: an index on updated_at, which every stored turn changes, would cost every turn
 * its HOT update (V12).
 */
public final class RetentionStore {
  /** The advisory lock's key: any constant no other part of the product uses. */
  static final long LOCK = 0x5245_5445_4e54_494fL; // "RETENTIO"

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";
  private static final String DELETE_EXPIRED =
      "DELETE FROM conversations WHERE id IN ("
          + " SELECT c.id FROM conversations c JOIN tenant_settings t ON t.tenant = c.tenant"
          + " WHERE t.retention_days IS NOT NULL"
          + " AND c.created_at < now() - make_interval(days => t.retention_days)"
          + " AND c.updated_at < now() - make_interval(days => t.retention_days)"
          + " ORDER BY c.updated_at LIMIT $1 FOR UPDATE OF c SKIP LOCKED)";

  private final Pool pool;

  public RetentionStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Deletes up to {@code batch} expired conversations; the number deleted, or -1 when another
   * node's sweep holds the lock.
   */
  public Future<Integer> sweepBatch(int batch) {
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(LOCK))
                .compose(
                    rows -> {
                      if (!rows.iterator().next().getBoolean("locked")) {
                        return Future.succeededFuture(-1);
                      }
                      return conn.preparedQuery(DELETE_EXPIRED)
                          .execute(Tuple.of(batch))
                          .map(r -> r.rowCount());
                    }));
  }
}
