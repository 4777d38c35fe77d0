package io.cleanercontext.contract;

import java.util.List;

/**
 * The event types a webhook endpoint can subscribe to, declared once (the API validates an
 * endpoint's {@code events} against {@link #SUBSCRIBABLE}; the {@code turns} trigger of migration
 * V20 and the completion statement write the same names).
 */
public final class WebhookEvents {
  /** A turn's result was stored (cleaned, or skipped as nothing but noise). */
  public static final String TURN_CLEANED = EventTypes.TURN_CLEANED;

  /** A turn failed for good after its attempts. */
  public static final String TURN_FAILED = EventTypes.TURN_FAILED;

  /** A call ended and every turn accepted before its end has a result: the whole transcript. */
  public static final String CONVERSATION_COMPLETED = "conversation.completed";

  /** Another endpoint of the tenant was disabled after failing for too long. */
  public static final String ENDPOINT_DISABLED = "endpoint.disabled";

  /** Sent on request from the API or dashboard, to try an endpoint; needs no subscription. */
  public static final String TEST = "webhook.test";

  public static final List<String> SUBSCRIBABLE =
      List.of(TURN_CLEANED, TURN_FAILED, CONVERSATION_COMPLETED, ENDPOINT_DISABLED);

  private WebhookEvents() {}
}
