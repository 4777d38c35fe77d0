package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The {@code http} section: where the API, dashboard and WebSockets listen.
 *
 * @param host the address to bind ({@code CC_HTTP_HOST})
 * @param port the port, 0 for a free one chosen once for every instance ({@code CC_HTTP_PORT})
 * @param instances HTTP server instances, 0 for one per two cores ({@code CC_HTTP_INSTANCES}; see
 *     {@link Sizing})
 * @param compression whether HTTP responses may be compressed
 * @param maxBodyBytes the largest request body accepted
 */
public record HttpSettings(
    String host, int port, int instances, boolean compression, long maxBodyBytes) {

  public static HttpSettings from(JsonObject section) {
    SectionReader s = new SectionReader("http", section);
    return new HttpSettings(
        s.string("host", "127.0.0.1"),
        s.integer("port", 8080, 0, 65535),
        s.integer("instances", 0, 0, 64),
        s.bool("compression", false),
        s.longValue("max_body_bytes", 262_144L, 1, Integer.MAX_VALUE));
  }

  public HttpSettings withPort(int resolved) {
    return new HttpSettings(host, resolved, instances, compression, maxBodyBytes);
  }

  public HttpSettings withInstances(int resolved) {
    return new HttpSettings(host, port, resolved, compression, maxBodyBytes);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("instances", instances)
        .put("compression", compression)
        .put("max_body_bytes", maxBodyBytes);
  }
}
