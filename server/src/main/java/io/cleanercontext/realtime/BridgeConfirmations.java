package io.cleanercontext.realtime;

import io.cleanercontext.contract.EventTypes;
import io.vertx.core.json.JsonObject;

/**
 * What a bridge client is told when its REGISTER took effect: a message on the registered address
 * whose body is {@code {type: "registered", address, resume_from}} (a {@code message} frame on the
 * TCP bridge, a {@code rec} frame on SockJS). A client that sends turns after reading it receives
 * them (the example clients in {@code scripts/bridge-clients} wait for it).
 */
final class BridgeConfirmations {
  private BridgeConfirmations() {}

  /**
   * The confirmation's body; {@code resumeFrom} is the since of a resuming registration, else -1.
   */
  static JsonObject registered(String address, long resumeFrom) {
    return new JsonObject()
        .put("type", EventTypes.REGISTERED)
        .put("address", address)
        .put("resume_from", resumeFrom >= 0 ? resumeFrom : null);
  }
}
