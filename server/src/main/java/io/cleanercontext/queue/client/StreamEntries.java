package io.cleanercontext.queue.client;

import io.cleanercontext.contract.TurnJob;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.List;

/** Reads the jobs out of Redis stream entries ({@code [id, [field, value, ...]]}). */
final class StreamEntries {
  /** The field of an entry that holds the job's JSON. */
  static final String JOB_FIELD = "job";

  private StreamEntries() {}

  /** Adds one delivery per entry that holds a job; entries deleted while pending are skipped. */
  static void parse(Response entries, List<Delivery> out) {
    if (entries == null) {
      return;
    }
    for (Response entry : entries) {
      if (entry == null || entry.size() < 2 || entry.get(1) == null) {
        continue;
      }
      Response fields = entry.get(1);
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        if (JOB_FIELD.equals(fields.get(i).toString())) {
          out.add(
              new Delivery(
                  entry.get(0).toString(),
                  TurnJob.fromJson(new JsonObject(fields.get(i + 1).toString())),
                  1));
        }
      }
    }
  }
}
