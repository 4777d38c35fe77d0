package io.cleanercontext.diagnostics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Known noisy user turns, sent synchronously one after the other, come back cleaned. */
final class UserTurnCleaningScenario implements DiagnosticScenario {
  /** Known noisy user turns and what must be gone from / kept in their cleaned text. */
  static final List<String[]> NOISY_TURNS =
      List.of(
          new String[] {
            "um so we we mostly run ads on Google <noise>",
            "<noise>",
            "so we mostly run ads on Google"
          },
          new String[] {"Yes, I can hear you clearly.", "", "Yes, I can hear you clearly."},
          new String[] {
            "Mostly PPC on Google.C on Google. <noise>", "<noise>", "Mostly PPC on Google."
          });

  @Override
  public String name() {
    return "user_turn_cleaning";
  }

  @Override
  public String description() {
    return "known noisy user turns come back cleaned";
  }

  @Override
  public Future<Void> run(ScenarioContext ctx, ScenarioResult s) {
    Future<Void> chain = Future.succeededFuture();
    double[] slowest = {0};
    for (String[] sample : NOISY_TURNS) {
      chain =
          chain.compose(
              v ->
                  ctx.client()
                      .post(
                          ctx.turnsPath(),
                          new JsonObject().put("speaker", "User").put("raw_text", sample[0]))
                      .map(
                          resp -> {
                            JsonObject turn = resp.bodyAsJsonObject();
                            check(s, sample, turn.getString("cleaned_text", ""));
                            slowest[0] =
                                Math.max(
                                    slowest[0],
                                    turn.getJsonObject("metadata").getDouble("processing_time_ms"));
                            return null;
                          }));
    }
    return chain.map(
        v -> {
          s.within("max_processing_time_ms", slowest[0], ctx.target("user_turn_processing"));
          return null;
        });
  }

  private static void check(ScenarioResult s, String[] sample, String cleaned) {
    s.expect(
        sample[1].isEmpty() || !cleaned.contains(sample[1]),
        "'" + sample[1] + "' removed from '" + sample[0] + "'");
    s.expect(
        cleaned.equals(sample[2]),
        "'" + sample[0] + "' -> '" + sample[2] + "', got '" + cleaned + "'");
  }
}
