package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sampled search finds exactly what a binary search of the whole list finds. */
class SortedListsTest {

  @Test
  void findsEveryKeyAndNothingElseInShortAndLongLists() {
    Random random = new Random(5);
    int[] sizes = {
      0, 1, 2, 15, 255, 256, 257, SortedLists.SAMPLED + SortedLists.BLOCK, 1000, 4097, 30_000
    };
    int[] start = new int[sizes.length + 2];
    int total = 0;
    for (int i = 0; i < sizes.length; i++) {
      start[i] = total;
      total += sizes[i];
    }
    start[sizes.length] = total;
    int[] duplicated =
        new int[SortedLists.SAMPLED + 44]; // a long list that is not strictly increasing
    for (int j = 0; j < duplicated.length; j++) {
      duplicated[j] = j / 2;
    }
    start[sizes.length + 1] = total + duplicated.length;
    int[] entries = new int[total + duplicated.length];
    for (int i = 0; i < sizes.length; i++) {
      int key = random.nextInt(3);
      for (int j = start[i]; j < start[i + 1]; j++) {
        key += 1 + random.nextInt(4);
        entries[j] = key;
      }
    }
    System.arraycopy(duplicated, 0, entries, total, duplicated.length);
    SortedLists lists = new SortedLists(start, entries);
    for (int list = 0; list + 1 < start.length; list++) {
      int max = start[list + 1] > start[list] ? entries[start[list + 1] - 1] : 0;
      for (int key = -1; key <= max + 2; key++) {
        int i = Arrays.binarySearch(entries, start[list], start[list + 1], key);
        assertThat(lists.find(list, key))
            .as("list %d key %d", list, key)
            .isEqualTo(i >= 0 ? i : -1);
      }
    }
  }

  @Test
  void theLanguageModelsPairsAreFound() {
    LanguageModel lm = LanguageModel.get();
    int the = lm.id("the");
    assertThat(lm.bigramIndex(the, lm.id("same"))).isNotNegative();
    assertThat(lm.bigramIndex(the, -1)).isEqualTo(-1);
  }
}
