package io.cleanercontext.integrations;

/**
 * Reads one platform's payloads: checks that a request comes from the platform (its signature or
 * shared secret) and turns its body into what it says about a call. Stateless: one instance serves
 * every request.
 */
public interface Adapter {
  /**
   * Fails with 401 ({@link io.cleanercontext.contract.ErrorCode#UNAUTHORIZED}) when the request is
   * not signed with {@code secret} as the platform documents it.
   */
  void verify(HookRequest request, String secret);

  /**
   * What the payload says: its call, its turns (final or partial) and whether the call ended; fails
   * with 400 naming the field when the payload is not what the platform documents.
   */
  PlatformMessage parse(HookRequest request);
}
