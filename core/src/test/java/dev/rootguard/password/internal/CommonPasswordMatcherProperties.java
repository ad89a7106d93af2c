package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordDictionary;
import java.util.LinkedHashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The matcher looks up exactly the strings the documented rules name, as the independent {@link
 * ReferenceMatcher} enumerates them: no core, no leetspeak reading missing, none extra.
 */
class CommonPasswordMatcherProperties {

  /** Lists nothing; records every word it is asked about. */
  static final class RecordingDictionary implements PasswordDictionary {
    final Set<String> asked = new LinkedHashSet<>();

    @Override
    public boolean contains(CharSequence word) {
      asked.add(word.toString());
      return false;
    }

    @Override
    public int size() {
      return 0;
    }
  }

  @Property(tries = 3000)
  void matcher_looksUpExactlyTheDocumentedStrings(@ForAll("candidates") String candidate) {
    RecordingDictionary d = new RecordingDictionary();
    assertThat(CommonPasswordMatcher.find(candidate, d)).isEmpty();
    Set<String> expected = candidate.isEmpty() ? Set.of() : ReferenceMatcher.lookups(candidate);
    assertThat(d.asked).as(candidate).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Provide
  Arbitrary<String> candidates() {
    Arbitrary<String> leetish =
        Arbitraries.strings().withChars("aeilostAEILOST4@8({[<3691!|70$5+%2 #^~").ofMaxLength(14);
    Arbitrary<String> affix = Arbitraries.strings().withChars("0123456789!#. @|7").ofMaxLength(6);
    Arbitrary<String> shaped =
        Combinators.combine(affix, leetish, affix).as((pre, core, post) -> pre + core + post);
    return Arbitraries.oneOf(
        shaped,
        Arbitraries.strings().ascii().ofMaxLength(20),
        Arbitraries.strings().all().ofMaxLength(12));
  }
}
