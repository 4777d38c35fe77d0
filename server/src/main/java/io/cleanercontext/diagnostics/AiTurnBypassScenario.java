package io.cleanercontext.diagnostics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A synchronous AI turn: voice tags removed, no cleaning, within the AI turn's target. */
final class AiTurnBypassScenario implements DiagnosticScenario {
  @Override
  public String name() {
    return "ai_turn_bypass";
  }

  @Override
  public String description() {
    return "an AI turn bypasses cleaning, quickly";
  }

  @Override
  public Future<Void> run(ScenarioContext ctx, ScenarioResult s) {
    String raw =
        "##VT_CHEERFUL## Thanks for joining the diagnostics run... it only takes a moment.";
    long start = System.nanoTime();
    return ctx.client()
        .post(ctx.turnsPath(), new JsonObject().put("speaker", "AI").put("raw_text", raw))
        .map(
            resp -> {
              s.figures.put("round_trip_ms", (System.nanoTime() - start) / 1e6);
              s.expect(resp.statusCode() == 200, "200 OK, got " + resp.statusCode());
              JsonObject turn = resp.bodyAsJsonObject();
              s.expect(!turn.getString("cleaned_text", "").contains("##VT_"), "voice tags removed");
              s.expect(
                  "none".equals(turn.getJsonObject("metadata").getString("cleaning_level")),
                  "cleaning level none");
              s.within(
                  "processing_time_ms",
                  turn.getJsonObject("metadata").getDouble("processing_time_ms"),
                  ctx.target("ai_turn_processing"));
              return null;
            });
  }
}
