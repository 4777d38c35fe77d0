package io.cleanercontext.security;

/** What a token may do; its wire name is the word in the token's {@code scope} claim. */
public enum Scope {
  READ(Principal.READ),
  WRITE(Principal.WRITE),
  ADMIN(Principal.ADMIN);

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
