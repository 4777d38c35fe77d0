package io.cleanercontext.cleaner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongSetTest {

  @Test
  void addsAsAHashSetDoesThroughItsGrowth() {
    Random random = new Random(7);
    LongSet set = new LongSet(2);
    Set<Long> expected = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      // a narrow range: many repeats; position << 32 | serial, as the stage makes them
      long key = ((long) random.nextInt(60) << 32) | random.nextInt(300);
      if (i % 1_000 == 0) {
        key = i % 2 == 0 ? 0 : -1L; // zero and negative keys are keys like any other
      }
      assertEquals(expected.add(key), set.add(key), "key " + key);
      assertEquals(expected.size(), set.size());
    }
  }
}
