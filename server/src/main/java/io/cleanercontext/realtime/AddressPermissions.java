package io.cleanercontext.realtime;

import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The TCP bridge's reading of {@link BridgePermissions}: which addresses a client may send to
 * (inbound) and register for (outbound). A permission names an address or a regex; regexes are
 * compiled once.
 */
final class AddressPermissions {
  private final List<PermittedOptions> inbound;
  private final List<PermittedOptions> outbound;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  AddressPermissions(BridgeOptions options) {
    this.inbound = options.getInboundPermitteds();
    this.outbound = options.getOutboundPermitteds();
  }

  /** Whether a client may send to the address. */
  boolean inbound(String address) {
    return permitted(inbound, address);
  }

  /** Whether a client may register for the address. */
  boolean outbound(String address) {
    return permitted(outbound, address);
  }

  private boolean permitted(List<PermittedOptions> permitteds, String address) {
    for (PermittedOptions p : permitteds) {
      if (p.getAddress() != null
          ? p.getAddress().equals(address)
          : p.getAddressRegex() == null
              || patterns
                  .computeIfAbsent(p.getAddressRegex(), Pattern::compile)
                  .matcher(address)
                  .matches()) {
        return true;
      }
    }
    return false;
  }
}
