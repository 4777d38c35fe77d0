package io.cleanercontext.security;

import java.util.Locale;
import java.util.Set;

/**
 * Who is calling: the token's subject, its tenant, the conversations it is limited to (null = all
 * of the tenant's) and its scopes ({@code read}, {@code write}, {@code admin}). With auth off every
 * caller is {@link #LOCAL}: tenant {@code default}, every scope. {@code expiresAtMs} is the token's
 * {@code exp} (epoch milliseconds): what a subscription opened with it lives until.
 */
public record Principal(
    String subject,
    String tenant,
    Set<String> conversations,
    Set<String> scopes,
    long expiresAtMs) {
  public static final String READ = "read";
  public static final String WRITE = "write";
  public static final String ADMIN = "admin";
  public static final String DEFAULT_TENANT = "default";

  /** The caller when authentication is off (loopback only). */
  public static final Principal LOCAL =
      new Principal("local", DEFAULT_TENANT, null, Set.of(READ, WRITE, ADMIN), Long.MAX_VALUE);

  public boolean has(String scope) {
    return scopes.contains(scope) || scopes.contains(ADMIN);
  }

  /** Whether the token names this conversation (or is not limited to named ones). */
  public boolean covers(String conversationId) {
    return conversations == null
        || (conversationId != null
            && conversations.contains(conversationId.toLowerCase(Locale.ROOT)));
  }

  public boolean limitedToNamedConversations() {
    return conversations != null;
  }
}
