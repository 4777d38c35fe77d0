package io.cleanercontext.telemetry;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/** A timer's or summary's percentiles as JSON ({@code p50}, {@code p95}, {@code p99}), in ms. */
public final class Percentiles {
  private Percentiles() {}

  public static JsonObject of(Timer timer) {
    JsonObject json = new JsonObject();
    for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
      json.put(label(v.percentile()), round(v.value(TimeUnit.MILLISECONDS)));
    }
    return json;
  }

  public static JsonObject of(ValueAtPercentile[] values) {
    JsonObject json = new JsonObject();
    for (ValueAtPercentile v : values) {
      json.put(label(v.percentile()), round(v.value()));
    }
    return json;
  }

  private static String label(double percentile) {
    return "p" + Math.round(percentile * 100);
  }

  private static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
