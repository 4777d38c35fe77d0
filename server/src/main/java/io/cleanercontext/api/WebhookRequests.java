package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.WebhookEvents;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.security.Destinations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The checks of a webhook endpoint's fields: a URL the server may send to (http or https, a host
 * that resolves, to public addresses unless configuration allows private ones) and events from
 * {@link WebhookEvents#SUBSCRIBABLE}. A bad field is a 400 problem naming it; a destination that is
 * refused is a 422 naming {@code url}.
 */
final class WebhookRequests {
  static final int MAX_URL_CHARS = 2_000;
  static final List<String> DEFAULT_EVENTS =
      List.of(
          WebhookEvents.TURN_CLEANED,
          WebhookEvents.TURN_FAILED,
          WebhookEvents.CONVERSATION_COMPLETED);

  private final Vertx vertx;
  private final Destinations destinations;

  WebhookRequests(Vertx vertx, Destinations destinations) {
    this.vertx = vertx;
    this.destinations = destinations;
  }

  /** The URL, once its host resolved to addresses the server may send to. */
  Future<String> url(String url) {
    if (url.length() > MAX_URL_CHARS) {
      return Future.failedFuture(
          new ServiceException(
              ErrorCode.BAD_REQUEST,
              "url must be at most " + MAX_URL_CHARS + " characters",
              "url"));
    }
    URI uri;
    try {
      uri = Destinations.parse(url);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          new ServiceException(ErrorCode.BAD_REQUEST, e.getMessage(), "url"));
    }
    String host = uri.getHost();
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return vertx
        .executeBlocking(() -> InetAddress.getAllByName(bare), false)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof UnknownHostException
                        ? new ServiceException(
                            ErrorCode.UNPROCESSABLE,
                            "url's host " + host + " does not resolve",
                            "url")
                        : e))
        .map(
            addresses -> {
              for (InetAddress address : addresses) {
                String refusal = destinations.refusal(address);
                if (refusal != null) {
                  throw new ServiceException(ErrorCode.UNPROCESSABLE, "url: " + refusal, "url");
                }
              }
              return url;
            });
  }

  /** The events named (each once, in the order given), or null when the field is absent. */
  static List<String> events(JsonObject body) {
    Object value = body.getValue("events");
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "events must be a non-empty array of event types", "events");
    }
    LinkedHashSet<String> events = new LinkedHashSet<>();
    for (Object item : array) {
      if (!(item instanceof String s) || !WebhookEvents.SUBSCRIBABLE.contains(s)) {
        throw new ServiceException(
            ErrorCode.BAD_REQUEST,
            "events: '" + item + "' is not one of " + WebhookEvents.SUBSCRIBABLE,
            "events");
      }
      events.add(s);
    }
    return new ArrayList<>(events);
  }

  static String description(JsonObject body) {
    String description = Fields.optionalString(body, "description");
    if (description != null) {
      Fields.checkText(description, "description", 200);
    }
    return description;
  }

  static Boolean enabled(JsonObject body) {
    Object value = body.getValue("enabled");
    if (value != null && !(value instanceof Boolean)) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, "enabled must be true or false", "enabled");
    }
    return (Boolean) value;
  }

  /** The delivery id of the path: a positive integer. */
  static long deliveryId(io.vertx.ext.web.RoutingContext ctx) {
    String value = ctx.pathParam("id");
    try {
      long id = Long.parseLong(value);
      if (id <= 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "id must be a positive integer, not '" + value + "'", "id");
    }
  }
}
