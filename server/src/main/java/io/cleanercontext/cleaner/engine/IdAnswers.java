package io.cleanercontext.cleaner.engine;

import java.util.function.Predicate;

/**
 * A yes-or-no question about words ("an everyday lower-case word?", "a function word?") answered
 * once per word of the language model and kept by its id ({@link LanguageModel#id}): a turn asks
 * about the same few thousand words again and again, and an array read by id costs no hashing of
 * the word and no probe of a map. Words the model lacks (id -1) are asked every time. Thread-safe:
 * the answers are the question's, which gives one answer per word; threads that race on a word
 * write the same byte.
 */
final class IdAnswers {

  private static final byte NO = 1;
  private static final byte YES = 2;

  private final byte[] answers;
  private final Predicate<String> question;

  /** Answers for the ids 0 .. {@code ids} - 1, asking {@code question} on first use. */
  IdAnswers(int ids, Predicate<String> question) {
    this.answers = new byte[ids];
    this.question = question;
  }

  /** The question's answer for {@code word}, whose id is {@code id} (-1: none). */
  boolean test(int id, String word) {
    if (id < 0 || id >= answers.length) {
      return question.test(word);
    }
    byte a = answers[id];
    if (a == 0) {
      a = question.test(word) ? YES : NO;
      answers[id] = a;
    }
    return a == YES;
  }
}
