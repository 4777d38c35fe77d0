package io.cleanercontext.api;

import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.store.TurnStore.StatusCounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Stored turns and their counts as the REST API answers them. */
final class TurnBodies {
  private TurnBodies() {}

  /** The turns, in their order, each in its one JSON shape ({@link StoredTurn#toJson()}). */
  static JsonArray array(List<StoredTurn> turns) {
    JsonArray array = new JsonArray();
    turns.forEach(t -> array.add(t.toJson()));
    return array;
  }

  /** A conversation's turns by status: {@code {pending, cleaned, skipped, failed}}. */
  static JsonObject counts(StatusCounts counts) {
    return new JsonObject()
        .put(TurnStatus.PENDING.wireName(), counts.pending())
        .put(TurnStatus.CLEANED.wireName(), counts.cleaned())
        .put(TurnStatus.SKIPPED.wireName(), counts.skipped())
        .put(TurnStatus.FAILED.wireName(), counts.failed());
  }
}
