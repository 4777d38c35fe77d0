package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The {@code vertx} section.
 *
 * @param eventLoops event-loop threads, 0 for Vert.x's default of twice the cores ({@code
 *     CC_EVENT_LOOPS})
 */
public record VertxSettings(int eventLoops) {

  public static VertxSettings from(JsonObject section) {
    return new VertxSettings(new SectionReader("vertx", section).integer("event_loops", 0, 0, 256));
  }
}
