package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The shape of every error answer over HTTP, REST and WebSocket upgrade alike: {@code
 * application/problem+json} (RFC 9457) with {@code type}, {@code title}, {@code status}, {@code
 * detail} and {@code instance} (the request's path).
 */
public final class Problem {
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problem() {}

  /** The problem document for a status, a detail and the request's path. */
  public static JsonObject of(int status, String detail, String instance) {
    return new JsonObject()
        .put("type", "https://cleanercontext.dev/problems/" + slug(title(status)))
        .put("title", title(status))
        .put("status", status)
        .put("detail", detail)
        .put("instance", instance);
  }

  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }

  private static String slug(String title) {
    return title.toLowerCase(Locale.ROOT).replace(' ', '-');
  }
}
