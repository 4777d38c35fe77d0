package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.RecognizedWord;
import java.util.List;

/**
 * What a stage may consult beyond the turn's text: the conversation so far (may be null: no
 * context) and the domain lexicon. The call's vocabulary is extracted once per turn, and only when
 * a stage asks for it.
 */
final class StageInput {

  private final ConversationContext conversation;
  private final Lexicon lexicon;
  private final List<RecognizedWord> words;
  private TermIndex vocabulary;

  StageInput(ConversationContext conversation, Lexicon lexicon) {
    this(conversation, lexicon, List.of());
  }

  StageInput(ConversationContext conversation, Lexicon lexicon, List<RecognizedWord> words) {
    this.conversation = conversation;
    this.lexicon = lexicon;
    this.words = words == null ? List.of() : words;
  }

  /**
   * The recogniser's confidence in each token of {@code text} (the turn as a stage sees it, after
   * earlier stages removed fillers, stutters or echoes), or null when the turn came without words.
   * Tokens are matched to the recognised words in order, by their letters and digits, looking a few
   * words ahead past the ones removed; a token matched to none, or to a word without a confidence,
   * gets NaN (no evidence either way).
   */
  double[] confidences(String text) {
    if (words.isEmpty()) {
      return null;
    }
    List<Tokens.Token> tokens = Tokens.split(text);
    double[] out = new double[tokens.size()];
    int next = 0;
    for (int i = 0; i < tokens.size(); i++) {
      out[i] = Double.NaN;
      String token = letters(tokens.get(i).core());
      if (token.isEmpty()) {
        continue;
      }
      for (int j = next; j < Math.min(words.size(), next + LOOK_AHEAD); j++) {
        if (letters(words.get(j).word()).equals(token)) {
          Double confidence = words.get(j).confidence();
          out[i] = confidence == null ? Double.NaN : confidence;
          next = j + 1;
          break;
        }
      }
    }
    return out;
  }

  /**
   * The recogniser's doubt about token {@code i}: 1 minus its confidence, 0 when it gave none (no
   * {@code confidences}, or NaN for that token: no evidence either way).
   */
  static double doubt(double[] confidences, int i) {
    return confidences != null && i < confidences.length && !Double.isNaN(confidences[i])
        ? 1.0 - confidences[i]
        : 0.0;
  }

  /** How many recognised words a token may skip to find its own (removed fillers, stutters). */
  private static final int LOOK_AHEAD = 6;

  private static String letters(String word) {
    StringBuilder out = new StringBuilder(word.length());
    word.codePoints()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /** The conversation so far, or null when the turn is cleaned without context. */
  ConversationContext conversation() {
    return conversation;
  }

  /** The domain lexicon (titles, sales vocabulary, tools). */
  Lexicon lexicon() {
    return lexicon;
  }

  /** Terms the AI said and the caller's keyterms ({@link TermIndex#EMPTY} without context). */
  TermIndex vocabulary() {
    if (vocabulary == null) {
      vocabulary = conversation == null ? TermIndex.EMPTY : conversation.vocabulary(lexicon);
    }
    return vocabulary;
  }
}
