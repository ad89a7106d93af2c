package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.Strength;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class StrengthEstimatorProperties {
  static final StrengthEstimator EST = StrengthEstimator.create(PasswordDictionary.bundled());
  static final StrengthEstimator CUSTOM =
      StrengthEstimator.create(PasswordDictionary.of(List.of("hunter2", "zq8hv2kd9w")));

  @Provide
  Arbitrary<String> anyUnicode() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        // unpaired surrogates and other awkward code units on purpose
        Arbitraries.strings()
            .withChars(
                '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a', '1', '@', '\u0000', '\uFFFF', '¥', 'ｱ')
            .ofMaxLength(200),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(200));
  }

  @Property(tries = 400)
  void estimate_neverThrows_andIsInRange(
      @ForAll("anyUnicode") String pw, @ForAll("anyUnicode") String context) {
    Strength s = EST.estimate(pw, List.of(context, "root@acme.example"));
    assertThat(s.score()).isBetween(0, 4);
    assertThat(s.guessesLog10()).isGreaterThanOrEqualTo(0).isFinite();
    Strength c = CUSTOM.estimate(pw, List.of(context));
    assertThat(c.score()).isBetween(0, 4);
  }

  @Property(tries = 15)
  void estimate_neverThrows_onTenThousandChars(
      @ForAll @StringLength(min = 9_500, max = 10_000) String pw) {
    Strength s = EST.estimate(pw, List.of(pw.substring(0, 20)));
    assertThat(s.score()).isBetween(0, 4);
    assertThat(s.guessesLog10()).isFinite();
  }

  @Property(tries = 200)
  void estimate_isDeterministic(@ForAll("anyUnicode") String pw) {
    assertThat(EST.estimate(pw, List.of()))
        .isEqualTo(EST.estimate(new StringBuilder(pw), List.of()));
  }

  @Property(tries = 200)
  void estimate_scoreFollowsGuesses(@ForAll("anyUnicode") String pw) {
    Strength s = EST.estimate(pw, List.of());
    assertThat(s.score()).isEqualTo(StrengthEstimator.score(s.guessesLog10()));
  }
}
