package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;

/**
 * What bridge clients may do: deny by default; receive conversation events, metrics snapshots,
 * queue status, alerts and diagnostics progress; send turns to the validating submission address
 * and run diagnostics. Both bridges (SockJS and TCP) share these rules.
 */
public final class BridgePermissions {
  private BridgePermissions() {}

  public static <T extends BridgeOptions> T apply(T options) {
    options.addOutboundPermitted(
        new PermittedOptions().setAddressRegex(Addresses.conversationTurnsPattern()));
    options.addOutboundPermitted(new PermittedOptions().setAddress(Addresses.METRICS_SNAPSHOT));
    options.addOutboundPermitted(new PermittedOptions().setAddress(Addresses.METRICS_ALERT));
    options.addOutboundPermitted(new PermittedOptions().setAddress(Addresses.QUEUE_STATUS_FEED));
    options.addOutboundPermitted(new PermittedOptions().setAddress(Addresses.DIAGNOSTICS_PROGRESS));
    options.addInboundPermitted(new PermittedOptions().setAddress(Addresses.BRIDGE_TURN_SUBMIT));
    options.addInboundPermitted(new PermittedOptions().setAddress(Addresses.DIAGNOSTICS_RUN));
    options.addInboundPermitted(new PermittedOptions().setAddress(Addresses.DIAGNOSTICS_LAST));
    return options;
  }
}
