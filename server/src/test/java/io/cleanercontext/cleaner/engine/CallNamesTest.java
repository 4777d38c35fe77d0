package io.cleanercontext.cleaner.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallNamesTest {

  private static byte[] phones(Random random, int length) {
    byte[] p = new byte[length];
    for (int i = 0; i < length; i++) {
      p[i] = (byte) random.nextInt(Phones.ALL.size());
    }
    return p;
  }

  /** The cheap tests as TermSounds.matches wrote them, name by name. */
  private static boolean passes(byte[] run, byte[] said) {
    return !(run.length < said.length * 0.6
        || run.length > said.length * 1.5
        || !(Phones.similar(run[0], said[0]) || Phones.similar(run[1], said[1]))
        || Math.abs(run.length - said.length) * 0.6 > TermSounds.MAX_COST_PER_PHONE * said.length);
  }

  @Test
  void letsThroughExactlyTheNamesTheCheapTestsPassInTheirOrder() {
    Random random = new Random(4);
    for (int size : new int[] {1, 5, 63, 64, 65, 150}) {
      List<TermSounds.Said> said = new ArrayList<>();
      for (int t = 0; t < size; t++) {
        said.add(
            new TermSounds.Said(
                new Term("Name" + t, Term.Source.CONTEXT), phones(random, 3 + random.nextInt(14))));
      }
      CallNames names = new CallNames(said);
      assertEquals(size, names.all().size());
      for (int probe = 0; probe < 3_000; probe++) {
        byte[] run = phones(random, 3 + random.nextInt(40));
        List<Integer> expected = new ArrayList<>();
        for (int t = 0; t < size; t++) {
          if (passes(run, said.get(t).phones())) {
            expected.add(t);
          }
        }
        List<Integer> got = new ArrayList<>();
        for (int w = 0; w < names.words(); w++) {
          for (long m = names.candidates(w, run.length, run[0], run[1]); m != 0; m &= m - 1) {
            got.add(64 * w + Long.numberOfTrailingZeros(m));
          }
        }
        assertEquals(expected, got, "names " + size + ", run of " + run.length);
      }
    }
  }

  @Test
  void noNamesNoCandidates() {
    assertTrue(CallNames.NONE.isEmpty());
    assertEquals(0, CallNames.NONE.words());
  }

  @Test
  void aRunsLengthAndFirstSoundsAreTheRunsOwn() {
    TermSounds sounds = new TermSounds(Pronunciations.get());
    HeardWords heard = sounds.heard(Tokens.split("we fit car and dean floors in zqx halls"));
    for (int start = 0; start < 8; start++) {
      for (int k = 1; start + k <= 9 && k <= 4; k++) {
        byte[] run = heard.run(start, k);
        assertEquals(run.length, heard.runLength(start, k));
        byte[] firsts = new byte[run.length];
        for (int i = 0; i < run.length; i++) {
          firsts[i] = heard.runPhone(start, i);
        }
        assertArrayEquals(run, firsts);
      }
    }
  }
}
