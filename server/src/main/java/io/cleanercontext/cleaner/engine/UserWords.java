package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * Per-call view of the user's words; keys, codes and word-list checks are computed on first use.
 */
final class UserWords {
  final List<Tokens.Token> tokens;
  final String[] lower;
  final String[] code;
  final String[] joined;
  final Boolean[] common;

  UserWords(List<Tokens.Token> tokens) {
    this.tokens = tokens;
    this.lower = new String[tokens.size()];
    this.code = new String[tokens.size()];
    this.joined = new String[tokens.size()];
    this.common = new Boolean[tokens.size()];
    for (int i = 0; i < lower.length; i++) {
      lower[i] = tokens.get(i).lower();
    }
  }

  /** The core's letters and digits, lower-cased ({@link Tokens#joinedKey}). */
  String joined(int i) {
    if (joined[i] == null) {
      joined[i] = tokens.get(i).joined();
    }
    return joined[i];
  }

  boolean isCommon(int i) {
    if (common[i] == null) {
      common[i] = CommonWords.isCommon(tokens.get(i).core());
    }
    return common[i];
  }

  String code(int i) {
    if (code[i] == null) {
      // most words are letters only already: their own key, no copy (and their hash made once)
      String letters = Tokens.isJoinedKey(lower[i]) ? lower[i] : Tokens.joinedKey(lower[i]);
      code[i] = letters.isEmpty() ? "" : Phonetics.primary(letters);
    }
    return code[i];
  }
}
