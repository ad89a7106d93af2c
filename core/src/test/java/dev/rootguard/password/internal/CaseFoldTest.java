package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordCheck;
import dev.rootguard.password.PasswordContext;
import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.PasswordFinding;
import dev.rootguard.password.PasswordPolicy;
import dev.rootguard.password.PasswordRule;
import dev.rootguard.password.PasswordValidator;
import dev.rootguard.password.StrengthHint;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one case folding (each code point through {@link Character#toLowerCase(int)}) behaves as
 * documented, and the dictionary, the strength estimate and the validator's context checks all
 * follow it. The oracle folds with a code-point stream, not with {@link CaseFold}'s char walk.
 */
class CaseFoldTest {
  private static final PasswordValidator VALIDATOR =
      PasswordValidator.of(PasswordPolicy.awsRootUser());

  /** The documented rule, written independently. */
  static String oracle(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().map(Character::toLowerCase).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  @ParameterizedTest(name = "{0} folds to {1}")
  @CsvSource({
    "PASSWORD, password",
    "\u0130STANBUL, istanbul", // capital dotted I: i
    "\u0131stanbul, \u0131stanbul", // dotless i stays dotless
    "STRA\u1E9EE, stra\u00DFe", // capital sharp s: sharp s
    "STRASSE, strasse", // and sharp s is not expanded to ss
    "\uFF30\uFF21\uFF33\uFF33, \uFF50\uFF41\uFF53\uFF53", // full-width stays full-width
    "\u017Fun, \u017Fun", // long s stays itself
    "\u03A3\u03C2, \u03C3\u03C2", // sigma: capital folds, final sigma stays
    "\uD801\uDC00x, \uD801\uDC28x", // supplementary: Deseret capital long I
  })
  void fold_documentedCases(String in, String expected) {
    assertThat(new String(CaseFold.fold(in))).isEqualTo(expected).isEqualTo(oracle(in));
  }

  @Test
  void fold_unpairedSurrogatesStay_andPairsFoldAsAWhole() {
    assertThat(CaseFold.fold("\uDC00\uD801")).containsExactly('\uDC00', '\uD801');
    assertThat(CaseFold.foldedCharAt("\uD801\uDC00", 1)).isEqualTo('\uDC28');
    assertThat(CaseFold.foldedCharAt("\uD801\uDC00".toCharArray(), 2, 0)).isEqualTo('\uD801');
    assertThat(CaseFold.foldedCharAt("\uD801\uDC00".toCharArray(), 1, 0))
        .as("the pair's low half is outside the range")
        .isEqualTo('\uD801');
    assertThat(CaseFold.foldChar('\uDC00')).isEqualTo('\uDC00');
    assertThat(CaseFold.foldCodePoint(0x10400)).isEqualTo(0x10428);
  }

  @Provide
  Arbitrary<String> awkward() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars(
                'a', 'A', 'i', 'I', 's', 'S', '\u0130', '\u0131', '\u00DF', '\u1E9E', '\u017F',
                '\uFF21', '\uFF41', '\u03A3', '\u03C3', '\u03C2', '\uD801', '\uDC00', '\uDC28')
            .ofMaxLength(10),
        Arbitraries.strings().all().ofMaxLength(10));
  }

  @Property(tries = 2000)
  void fold_isTheDocumentedRule(@ForAll("awkward") String s) {
    String folded = new String(CaseFold.fold(s));
    assertThat(folded).isEqualTo(oracle(s));
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      assertThat(CaseFold.foldedCharAt(chars, chars.length, i)).isEqualTo(folded.charAt(i));
    }
  }

  @Property(tries = 1000)
  void dictionary_matchesWhatFoldsEqual(@ForAll("awkward") String a, @ForAll("awkward") String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return;
    }
    assertThat(PasswordDictionary.of(List.of(a)).contains(b))
        .as("%s vs %s", a, b)
        .isEqualTo(oracle(a).equals(oracle(b)));
  }

  @Property(tries = 1000)
  void validator_userNameContainment_followsTheRule(
      @ForAll("awkward") String name, @ForAll("awkward") String password) {
    if (name.isEmpty()) {
      return;
    }
    PasswordCheck c = VALIDATOR.check(password, PasswordContext.builder().userName(name).build());
    boolean flagged =
        c.warnings().stream()
            .map(PasswordFinding::rule)
            .anyMatch(r -> r == PasswordRule.CONTAINS_USER_NAME);
    boolean expected =
        (name.length() >= PasswordContext.MIN_CONTAINED_LENGTH
                || name.length() == password.length())
            && oracle(password).contains(oracle(name));
    assertThat(flagged).as("%s in %s", name, password).isEqualTo(expected);
  }

  @Test
  void validator_foldsAsTheDictionaryDoes() {
    PasswordContext ctx = PasswordContext.builder().accountName("\u0130stanbul-prod").build();
    assertThat(rules(VALIDATOR.check("x-istanbul-prod-9", ctx)))
        .contains(PasswordRule.CONTAINS_ACCOUNT_NAME);
    PasswordContext dotless = PasswordContext.builder().accountName("\u0131stanbul-prod").build();
    assertThat(rules(VALIDATOR.check("x-istanbul-prod-9", dotless)))
        .doesNotContain(PasswordRule.CONTAINS_ACCOUNT_NAME);
    PasswordContext deseret =
        PasswordContext.builder().userName("\uD801\uDC28\uD801\uDC29\uD801\uDC2A").build();
    assertThat(rules(VALIDATOR.check("x\uD801\uDC00\uD801\uDC01\uD801\uDC02!", deseret)))
        .contains(PasswordRule.CONTAINS_USER_NAME);
  }

  @Test
  void estimator_foldsContextWordsAsTheDictionaryDoes() {
    StrengthEstimator est = StrengthEstimator.create(PasswordDictionary.bundled());
    String lower = "\uD801\uDC28\uD801\uDC29\uD801\uDC2A\uD801\uDC2B\uD801\uDC2C\uD801\uDC2D";
    String upper = "\uD801\uDC00\uD801\uDC01\uD801\uDC02\uD801\uDC03\uD801\uDC04\uD801\uDC05";
    assertThat(est.estimate(upper, List.of(lower)).hints())
        .contains(StrengthHint.CONTAINS_PERSONAL_INFO);
    assertThat(PasswordDictionary.of(List.of(lower)).contains(upper)).isTrue();
  }

  private static List<PasswordRule> rules(PasswordCheck c) {
    return c.warnings().stream().map(PasswordFinding::rule).toList();
  }
}
