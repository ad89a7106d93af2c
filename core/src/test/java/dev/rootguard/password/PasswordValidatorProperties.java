package dev.rootguard.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordPolicy.AllowedCharacters;
import dev.rootguard.password.PasswordPolicy.SymbolSet;
import dev.rootguard.testsupport.Race;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PasswordValidatorProperties {
  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";

  @Provide
  Arbitrary<PasswordPolicy> policies() {
    Arbitrary<int[]> lengths =
        Arbitraries.integers()
            .between(12, 200)
            .flatMap(
                max -> Arbitraries.integers().between(1, max).map(min -> new int[] {min, max}));
    Arbitrary<List<Boolean>> flags = Arbitraries.of(true, false).list().ofSize(7);
    Arbitrary<Integer> classes = Arbitraries.integers().between(0, 4);
    Arbitrary<SymbolSet> symbols = Arbitraries.of(SymbolSet.class);
    Arbitrary<AllowedCharacters> allowed = Arbitraries.of(AllowedCharacters.class);
    Arbitrary<int[]> misc =
        Combinators.combine(
                Arbitraries.integers().between(0, 64),
                Arbitraries.integers().between(0, 24),
                Arbitraries.integers().between(0, 1095))
            .as((a, b, c) -> new int[] {a, b, c});
    Arbitrary<String> names =
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    return Combinators.combine(lengths, flags, classes, symbols, allowed, misc, names)
        .as(
            (len, f, cls, sym, al, m, name) ->
                PasswordPolicy.builder()
                    .name(name)
                    .minLength(len[0])
                    .maxLength(len[1])
                    .requireUppercase(f.get(0))
                    .requireLowercase(f.get(1))
                    .requireDigit(f.get(2))
                    .requireSymbol(f.get(3))
                    .rejectAccountNameAndEmail(f.get(4))
                    .commonPasswordsAreViolations(f.get(5))
                    .hardExpiry(f.get(6))
                    .allowUsersToChangePassword(!f.get(6))
                    .minCharacterClasses(cls)
                    .symbols(sym)
                    .allowedCharacters(al)
                    .recommendedLength(m[0])
                    .passwordReusePrevention(m[1])
                    .maxPasswordAge(m[2])
                    .build());
  }

  /** A random password with all four classes, of a length the policy accepts. */
  static String satisfying(PasswordPolicy p, Random random) {
    int lo = Math.max(p.minLength(), 12);
    int len = lo + random.nextInt(p.maxLength() - lo + 1);
    String sym = p.symbols().characters();
    String pool = UPPER + LOWER + DIGITS + sym;
    List<Character> chars = new ArrayList<>();
    chars.add(UPPER.charAt(random.nextInt(26)));
    chars.add(LOWER.charAt(random.nextInt(26)));
    chars.add(DIGITS.charAt(random.nextInt(10)));
    chars.add(sym.charAt(random.nextInt(sym.length())));
    while (chars.size() < len) {
      chars.add(pool.charAt(random.nextInt(pool.length())));
    }
    java.util.Collections.shuffle(chars, random);
    return chars.stream().map(String::valueOf).collect(Collectors.joining());
  }

  static Set<PasswordRule> violations(PasswordCheck c) {
    return c.violations().stream()
        .map(PasswordFinding::rule)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(PasswordRule.class)));
  }

  @Property(tries = 300)
  void passwordBuiltToSatisfyAPolicy_passesIt(
      @ForAll("policies") PasswordPolicy policy, @ForAll Random random) {
    String pw = satisfying(policy, random);
    PasswordCheck c = PasswordValidator.of(policy).check(pw, PasswordContext.empty());
    assertThat(c.violations()).as(pw).isEmpty();
    assertThat(c.isValid()).isTrue();
  }

  @Property(tries = 300)
  void removingARequiredClass_failsWithExactlyThatRule(
      @ForAll("policies") PasswordPolicy policy,
      @ForAll Random random,
      @ForAll @IntRange(min = 0, max = 3) int classToRemove) {
    String pw = satisfying(policy, random);
    String removed;
    boolean required;
    PasswordRule rule;
    switch (classToRemove) {
      case 0 -> {
        removed = replace(pw, UPPER, 'q');
        required = policy.requireUppercase();
        rule = PasswordRule.MISSING_UPPERCASE;
      }
      case 1 -> {
        removed = replace(pw, LOWER, 'Q');
        required = policy.requireLowercase();
        rule = PasswordRule.MISSING_LOWERCASE;
      }
      case 2 -> {
        removed = replace(pw, DIGITS, 'q');
        required = policy.requireDigit();
        rule = PasswordRule.MISSING_DIGIT;
      }
      default -> {
        removed = replace(pw, policy.symbols().characters(), 'q');
        required = policy.requireSymbol();
        rule = PasswordRule.MISSING_SYMBOL;
      }
    }
    Set<PasswordRule> v = violations(PasswordValidator.of(policy).check(removed));
    if (required) {
      assertThat(v).containsExactly(rule);
    } else if (policy.minCharacterClasses() == 4) {
      assertThat(v).containsExactly(PasswordRule.TOO_FEW_CHARACTER_CLASSES);
    } else {
      assertThat(v).isEmpty();
    }
  }

  static String replace(String pw, String cls, char with) {
    StringBuilder s = new StringBuilder(pw);
    for (int i = 0; i < s.length(); i++) {
      if (cls.indexOf(s.charAt(i)) >= 0) {
        s.setCharAt(i, with);
      }
    }
    return s.toString();
  }

  @Provide
  Arbitrary<String> anyStrings() {
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(300);
    Arbitrary<String> surrogates =
        Arbitraries.strings().withCharRange('\uD7F0', '\uE010').ofMaxLength(50);
    Arbitrary<String> mixed =
        Arbitraries.strings()
            .withCharRange('\u0000', '\u00FF')
            .withChars("\uD83D\uDE00\uD800\uDFFF日本語")
            .ofMaxLength(140);
    return Arbitraries.oneOf(anyChars, surrogates, mixed);
  }

  @Property(tries = 500)
  void validatorNeverThrows_onArbitraryStrings(
      @ForAll("anyStrings") String s, @ForAll("policies") PasswordPolicy policy) {
    PasswordContext ctx =
        PasswordContext.builder()
            .accountName("acme")
            .email("root@acme.example")
            .userName("bob")
            .build();
    PasswordValidator v = PasswordValidator.of(policy);
    PasswordCheck c = v.check(s, ctx);
    assertThat(c.isValid()).isEqualTo(c.violations().isEmpty());
    assertThat(c.isRecommended()).isEqualTo(c.findings().isEmpty());
    assertThat(v.check(s.toCharArray(), ctx)).isEqualTo(c);
  }

  @Provide
  Arbitrary<String> hugeStrings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofLength(10_000),
        Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofLength(10_000),
        Arbitraries.strings().withChars("aA1#\uD83D\uDE00").ofLength(10_000));
  }

  @Property(tries = 25)
  void validatorNeverThrows_onTenThousandCharacters(@ForAll("hugeStrings") String s) {
    for (PasswordPolicy p :
        List.of(
            PasswordPolicy.awsRootUser(),
            PasswordPolicy.awsIamDefault(),
            PasswordPolicy.recommended())) {
      PasswordCheck c = PasswordValidator.of(p).check(s);
      assertThat(c.violates(PasswordRule.TOO_LONG)).isTrue();
    }
  }

  @Property(tries = 10)
  void resultsIdenticalAcrossThreads(
      @ForAll @Size(min = 20, max = 60)
          List<@net.jqwik.api.constraints.StringLength(max = 40) String> passwords)
      throws Exception {
    PasswordValidator v = PasswordValidator.of(PasswordPolicy.awsRootUser());
    PasswordContext ctx =
        PasswordContext.builder().accountName("acme-prod").userName("alice").build();
    List<PasswordCheck> expected = new ArrayList<>();
    for (String p : passwords) {
      expected.add(v.check(p, ctx));
    }
    List<List<PasswordCheck>> results =
        Race.collect(
            4,
            t -> {
              List<PasswordCheck> out = new ArrayList<>();
              for (int round = 0; round < 5; round++) {
                out.clear();
                for (String p : passwords) {
                  out.add(v.check(p, ctx));
                }
              }
              return out;
            });
    for (List<PasswordCheck> f : results) {
      assertThat(f).isEqualTo(expected);
    }
  }

  @Property(tries = 200)
  void findingsNeverContainThePassword(
      @ForAll
          @net.jqwik.api.constraints.AlphaChars
          @net.jqwik.api.constraints.NumericChars
          @net.jqwik.api.constraints.StringLength(min = 3, max = 40)
          String tail) {
    String pw = "Zq9" + tail; // a prefix no message can contain, so the check is not flaky
    PasswordContext ctx =
        PasswordContext.builder().accountName(pw).email(pw + "@x.example").build();
    PasswordCheck c = PasswordValidator.of(PasswordPolicy.recommended()).check(pw, ctx);
    assertThat(c.findings()).isNotEmpty();
    assertThat(c.toString()).doesNotContain(pw);
    for (PasswordFinding f : c.findings()) {
      assertThat(f.message(java.util.Locale.ENGLISH)).doesNotContain(pw);
      assertThat(f.message(java.util.Locale.JAPANESE)).doesNotContain(pw);
      assertThat(f.toString()).doesNotContain(pw);
    }
  }

  @Property(tries = 200)
  void toBuilderRoundTrips(@ForAll("policies") PasswordPolicy p) {
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
  }
}
