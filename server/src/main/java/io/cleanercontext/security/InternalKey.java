package io.cleanercontext.security;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The process's random HS256 key (key id {@value Authenticator#INTERNAL_KID}) with which the
 * built-in diagnostics call the product's own API. Made once per process by the main verticle and
 * handed to every verticle that verifies or signs tokens; it never leaves the process, so each node
 * of a cluster (or each Vert.x instance of a test JVM) has its own.
 */
public final class InternalKey {
  private final String secret;

  private InternalKey(String secret) {
    this.secret = secret;
  }

  public static InternalKey random() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return new InternalKey(Base64.getEncoder().encodeToString(bytes));
  }

  PubSecKeyOptions options() {
    return new PubSecKeyOptions()
        .setAlgorithm("HS256")
        .setBuffer(Buffer.buffer(secret))
        .setId(Authenticator.INTERNAL_KID);
  }
}
