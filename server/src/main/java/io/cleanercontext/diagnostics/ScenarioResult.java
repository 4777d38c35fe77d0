package io.cleanercontext.diagnostics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The outcome of one diagnostics scenario: measured figures, the targets they were checked against,
 * and a reason when it failed.
 */
final class ScenarioResult {
  final String name;
  final String description;
  final JsonObject figures = new JsonObject();
  final JsonArray checks = new JsonArray();
  boolean passed = true;
  String detail;
  long startedAt;
  long durationMs;

  ScenarioResult(String name, String description) {
    this.name = name;
    this.description = description;
  }

  /** A measured figure against an upper bound. */
  ScenarioResult within(String figure, double value, double targetMs) {
    figures.put(figure, Math.round(value * 1000.0) / 1000.0);
    boolean met = value < targetMs;
    checks.add(
        new JsonObject()
            .put("figure", figure)
            .put("value", figures.getDouble(figure))
            .put("target_ms", targetMs)
            .put("met", met));
    if (!met) {
      fail(
          figure
              + " "
              + figures.getDouble(figure)
              + " ms missed the target of "
              + targetMs
              + " ms");
    }
    return this;
  }

  /** A behaviour that must hold. */
  ScenarioResult expect(boolean condition, String what) {
    checks.add(new JsonObject().put("expectation", what).put("met", condition));
    if (!condition) {
      fail("expected " + what);
    }
    return this;
  }

  ScenarioResult fail(String reason) {
    passed = false;
    detail = detail == null ? reason : detail + "; " + reason;
    return this;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("description", description)
        .put("passed", passed)
        .put("detail", detail)
        .put("figures", figures)
        .put("checks", checks)
        .put("duration_ms", durationMs);
  }
}
