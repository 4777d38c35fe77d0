package io.cleanercontext.cleaner.engine;

import java.util.List;

/** Test helper: where a word stands in a split sentence. */
final class TokenAt {
  private TokenAt() {}

  /** The index of the first token whose lower case is {@code lower}. */
  static int index(List<Tokens.Token> tokens, String lower) {
    int i = 0;
    while (!tokens.get(i).lower().equals(lower)) {
      i++;
    }
    return i;
  }
}
