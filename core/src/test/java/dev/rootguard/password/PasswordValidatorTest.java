package dev.rootguard.password;

import static dev.rootguard.password.PasswordRule.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordValidatorTest {
  static final PasswordValidator ROOT = PasswordValidator.of(PasswordPolicy.awsRootUser());
  static final PasswordValidator STRICT = PasswordValidator.of(PasswordPolicy.awsRootUserStrict());
  static final PasswordValidator IAM = PasswordValidator.of(PasswordPolicy.awsIamDefault());
  static final PasswordValidator CIS = PasswordValidator.of(PasswordPolicy.cisAwsFoundations());
  static final PasswordValidator RECOMMENDED = PasswordValidator.of(PasswordPolicy.recommended());

  static Set<PasswordRule> violations(PasswordCheck c) {
    return c.violations().stream()
        .map(PasswordFinding::rule)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(PasswordRule.class)));
  }

  static Set<PasswordRule> warnings(PasswordCheck c) {
    return c.warnings().stream()
        .map(PasswordFinding::rule)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(PasswordRule.class)));
  }

  /** A password of exactly n characters with all four classes and nothing common about it. */
  static String fourClasses(int n) {
    StringBuilder s = new StringBuilder("Qz7#");
    String fill = "vKm2pXw9rTb4nLc8";
    while (s.length() < n) {
      s.append(fill.charAt(s.length() % fill.length()));
    }
    return s.substring(0, n);
  }

  @Nested
  class Length {
    @ParameterizedTest
    @MethodSource("dev.rootguard.password.PasswordValidatorTest#awsPresets")
    void sevenCharacters_tooShort(PasswordValidator v) {
      assertThat(violations(v.check(fourClasses(7)))).contains(TOO_SHORT);
    }

    @ParameterizedTest
    @MethodSource("dev.rootguard.password.PasswordValidatorTest#awsEightCharPresets")
    void eightCharacters_valid(PasswordValidator v) {
      PasswordCheck c = v.check(fourClasses(8));
      assertThat(c.violations()).isEmpty();
      assertThat(warnings(c)).contains(SHORTER_THAN_RECOMMENDED);
    }

    @ParameterizedTest
    @MethodSource("dev.rootguard.password.PasswordValidatorTest#awsPresets")
    void oneHundredTwentyEightCharacters_valid(PasswordValidator v) {
      PasswordCheck c = v.check(fourClasses(128));
      assertThat(c.violations()).isEmpty();
      assertThat(c.isRecommended()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.rootguard.password.PasswordValidatorTest#awsPresets")
    void oneHundredTwentyNineCharacters_tooLong(PasswordValidator v) {
      assertThat(violations(v.check(fourClasses(129)))).containsExactly(TOO_LONG);
    }

    @Test
    void cis_thirteenTooShort_fourteenValid() {
      assertThat(violations(CIS.check(fourClasses(13)))).containsExactly(TOO_SHORT);
      assertThat(CIS.check(fourClasses(14)).isRecommended()).isTrue();
      assertThat(violations(RECOMMENDED.check(fourClasses(13)))).containsExactly(TOO_SHORT);
      assertThat(RECOMMENDED.check(fourClasses(14)).isRecommended()).isTrue();
    }

    @Test
    void thirteenCharacters_shorterThanRecommendedWarning_fourteenNot() {
      assertThat(warnings(ROOT.check(fourClasses(13)))).containsExactly(SHORTER_THAN_RECOMMENDED);
      assertThat(ROOT.check(fourClasses(14)).isRecommended()).isTrue();
    }

    @Test
    void tooShort_limitAndMessageCarryThePolicyMinimum() {
      PasswordFinding f = ROOT.check("Ab1#").violations().get(0);
      assertThat(f.rule()).isEqualTo(TOO_SHORT);
      assertThat(f.limit()).hasValue(8);
      assertThat(f.message(Locale.ENGLISH)).contains("8");
      assertThat(f.message(Locale.JAPANESE)).contains("8 文字以上");
    }

    @Test
    void lengthCountsCodePoints_notUtf16Units() {
      PasswordPolicy any =
          PasswordPolicy.builder()
              .allowedCharacters(PasswordPolicy.AllowedCharacters.ANY)
              .minCharacterClasses(0)
              .minLength(4)
              .maxLength(4)
              .build();
      PasswordValidator v = PasswordValidator.of(any);
      String fourEmoji =
          "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02\uD83D\uDE03"; // 8 chars, 4 code points
      assertThat(fourEmoji).hasSize(8);
      assertThat(violations(v.check(fourEmoji))).isEmpty();
      assertThat(violations(v.check(fourEmoji + "x"))).containsExactly(TOO_LONG);
      // an unpaired surrogate counts as one
      assertThat(violations(v.check("ab\uD800"))).containsExactly(TOO_SHORT);
      assertThat(violations(v.check("ab\uD800c"))).isEmpty();
    }
  }

  static Stream<PasswordValidator> awsPresets() {
    return Stream.of(ROOT, STRICT, IAM, CIS, RECOMMENDED);
  }

  static Stream<PasswordValidator> awsEightCharPresets() {
    return Stream.of(ROOT, STRICT, IAM);
  }

  @Nested
  class CharacterClasses {
    @Test
    void root_threeOfFour_eachCombinationValid() {
      assertThat(ROOT.check("ABCDEFgh12").isValid()).isTrue(); // upper lower digit
      assertThat(ROOT.check("ABCDEFgh##").isValid()).isTrue(); // upper lower symbol
      assertThat(ROOT.check("ABCDEF12##").isValid()).isTrue(); // upper digit symbol
      assertThat(ROOT.check("abcdef12##").isValid()).isTrue(); // lower digit symbol
      assertThat(warnings(ROOT.check("abcdef12##"))).contains(ONLY_THREE_CLASSES);
    }

    @Test
    void root_twoClasses_tooFewCharacterClasses() {
      PasswordCheck c = ROOT.check("abcdefgh12");
      assertThat(violations(c)).containsExactly(TOO_FEW_CHARACTER_CLASSES);
      assertThat(c.violations().get(0).limit()).hasValue(3);
      assertThat(violations(IAM.check("ABCDEFGH!!"))).containsExactly(TOO_FEW_CHARACTER_CLASSES);
    }

    @Test
    void strict_eachClassMissing_namedExactly() {
      assertThat(violations(STRICT.check("abcdef12##"))).containsExactly(MISSING_UPPERCASE);
      assertThat(violations(STRICT.check("ABCDEF12##"))).containsExactly(MISSING_LOWERCASE);
      assertThat(violations(STRICT.check("ABCdef!!##"))).containsExactly(MISSING_DIGIT);
      assertThat(violations(STRICT.check("ABCdef1234"))).containsExactly(MISSING_SYMBOL);
      assertThat(violations(STRICT.check("ABCdef12#$"))).isEmpty();
    }

    @Test
    void iamCustom_eachRequireFlag_demandsItsClass() {
      IamPasswordPolicy all = new IamPasswordPolicy(8, true, true, true, true, false, 0, 0, false);
      PasswordValidator v = PasswordValidator.of(PasswordPolicy.fromIam(all));
      assertThat(violations(v.check("abcdef12''"))).containsExactly(MISSING_UPPERCASE);
      assertThat(violations(v.check("ABCDEF12''"))).containsExactly(MISSING_LOWERCASE);
      assertThat(violations(v.check("ABCdef''''"))).containsExactly(MISSING_DIGIT);
      assertThat(violations(v.check("ABCdef1234"))).containsExactly(MISSING_SYMBOL);
      assertThat(violations(v.check("ABCdef12<>"))).containsExactly(MISSING_SYMBOL);
      assertThat(v.check("ABCdef12''").isValid()).isTrue();
    }

    @Test
    void iamCustom_noFlags_anyClassesAccepted_withWarning() {
      PasswordValidator v =
          PasswordValidator.of(
              PasswordPolicy.fromIam(
                  new IamPasswordPolicy(6, false, false, false, false, false, 0, 0, false)));
      PasswordCheck c = v.check("qqqqqq");
      assertThat(c.isValid()).isTrue();
      assertThat(warnings(c)).contains(FEW_CHARACTER_CLASSES, SHORTER_THAN_RECOMMENDED);
      assertThat(violations(v.check("qqqqq"))).containsExactly(TOO_SHORT);
    }

    @Test
    void latin1Letters_allowedForIam_butCountForNoClass() {
      PasswordCheck c = IAM.check("ÄÖÜéèàç12");
      assertThat(violations(c)).containsExactly(TOO_FEW_CHARACTER_CLASSES);
      assertThat(IAM.check("Abcdéfgh12").isValid()).isTrue();
    }
  }

  static final String ROOT_SYMBOLS = "!@#$%^&*()<>[]{}|_+-=";
  static final String IAM_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

  static Stream<Arguments> printableNonAlphanumerics() {
    return IntStream.rangeClosed(0x20, 0x7E)
        .filter(c -> !Character.isLetterOrDigit(c))
        .mapToObj(c -> Arguments.of((char) c));
  }

  @Nested
  class Symbols {
    @Test
    void symbolSets_areExactlyAwsLists() {
      assertThat(PasswordPolicy.SymbolSet.AWS_ROOT.characters())
          .isEqualTo(ROOT_SYMBOLS)
          .hasSize(21);
      assertThat(PasswordPolicy.SymbolSet.AWS_IAM.characters()).isEqualTo(IAM_SYMBOLS).hasSize(20);
      assertThat(ROOT_SYMBOLS).contains("<", ">").doesNotContain("'");
      assertThat(IAM_SYMBOLS).contains("'").doesNotContain("<", ">");
    }

    /** Every printable ASCII symbol, alone with lower case and digits: counts iff in the set. */
    @ParameterizedTest(name = "root symbol {0}")
    @MethodSource("dev.rootguard.password.PasswordValidatorTest#printableNonAlphanumerics")
    void root_eachCharacter_countsAsSymbolExactlyWhenListed(char sym) {
      PasswordCheck c = ROOT.check("abcdef12" + sym);
      boolean listed = ROOT_SYMBOLS.indexOf(sym) >= 0;
      assertThat(c.isValid()).as("'%s' listed=%s", sym, listed).isEqualTo(listed);
      if (!listed) {
        assertThat(violations(c)).containsExactly(TOO_FEW_CHARACTER_CLASSES);
      }
      assertThat(violations(STRICT.check("Abcdef12" + sym)))
          .isEqualTo(listed ? EnumSet.noneOf(PasswordRule.class) : EnumSet.of(MISSING_SYMBOL));
    }

    @ParameterizedTest(name = "IAM symbol {0}")
    @MethodSource("dev.rootguard.password.PasswordValidatorTest#printableNonAlphanumerics")
    void iam_eachCharacter_countsAsSymbolExactlyWhenListed(char sym) {
      PasswordCheck c = IAM.check("abcdef12" + sym);
      boolean listed = IAM_SYMBOLS.indexOf(sym) >= 0;
      assertThat(c.isValid()).as("'%s' listed=%s", sym, listed).isEqualTo(listed);
      if (!listed) {
        assertThat(violations(c)).containsExactly(TOO_FEW_CHARACTER_CLASSES);
      }
    }

    @Test
    void apostrophe_isIamSymbol_notRootSymbol() {
      assertThat(IAM.check("abcdefg1'").isValid()).isTrue();
      assertThat(violations(ROOT.check("abcdefg1'"))).containsExactly(TOO_FEW_CHARACTER_CLASSES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<", ">"})
    void angleBrackets_areRootSymbols_notIamSymbols(String sym) {
      assertThat(ROOT.check("abcdefg1" + sym).isValid()).isTrue();
      assertThat(violations(IAM.check("abcdefg1" + sym)))
          .containsExactly(TOO_FEW_CHARACTER_CLASSES);
    }

    @Test
    void missingSymbolMessage_listsThePolicysSymbols() {
      String root = STRICT.check("Abcdefg12").violations().get(0).message(Locale.ENGLISH);
      assertThat(root).contains("< >").doesNotContain("'");
      PasswordValidator iamAll =
          PasswordValidator.of(
              PasswordPolicy.fromIam(
                  new IamPasswordPolicy(8, true, false, false, false, false, 0, 0, false)));
      String iam = iamAll.check("Abcdefg12").violations().get(0).message(Locale.ENGLISH);
      assertThat(iam).contains("'").doesNotContain("<");
    }
  }

  @Nested
  class AllowedCharacters {
    @ParameterizedTest
    @ValueSource(
        strings = {"é", "\t", "\n", "\u007F", "\u00FF", "\u0100", "日", "\uD83D\uDE00", "\uD800"})
    void root_outsidePrintableAscii_disallowed(String ch) {
      assertThat(violations(ROOT.check("Abcdef12#" + ch))).containsExactly(DISALLOWED_CHARACTER);
    }

    @Test
    void root_spaceAndTilde_allowed() {
      assertThat(ROOT.check("Abc def 12~").isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t", "\n", "\r", " ", "é", "\u007F", "\u0080", "\u00A0", "\u00FF"})
    void iam_tabLfCrAndLatin1_allowed(String ch) {
      assertThat(IAM.check("Abcdef12" + ch).isValid()).as("U+%04X", (int) ch.charAt(0)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "\u0000",
          "\u0008",
          "\u000B",
          "\u000C",
          "\u001F",
          "\u0100",
          "€",
          "日",
          "\uD83D\uDE00",
          "\uDC00"
        })
    void iam_otherCharacters_disallowed(String ch) {
      PasswordCheck c = IAM.check("Abcdef12" + ch);
      assertThat(violations(c))
          .as("U+%04X", (int) ch.charAt(0))
          .containsExactly(DISALLOWED_CHARACTER);
      assertThat(c.violations().get(0).message(Locale.ENGLISH)).contains("U+00FF");
    }

    @Test
    void disallowedMessage_differsForRootAndIam() {
      String root = ROOT.check("Abcdef12é").violations().get(0).message(Locale.ENGLISH);
      assertThat(root).contains("ASCII");
    }
  }

  @Nested
  class Identity {
    final PasswordContext ctx =
        PasswordContext.builder()
            .accountName("Acme-Prod-2026")
            .email("Root@Acme.example")
            .userName("alice")
            .accountId("123456789012")
            .build();

    @ParameterizedTest
    @MethodSource("dev.rootguard.password.PasswordValidatorTest#identityPresets")
    void exactAccountName_violation(PasswordValidator v) {
      PasswordCheck c = v.check("Acme-Prod-2026", ctx);
      assertThat(violations(c)).contains(EQUALS_ACCOUNT_NAME);
      assertThat(warnings(c)).doesNotContain(CONTAINS_ACCOUNT_NAME);
    }

    @ParameterizedTest
    @MethodSource("dev.rootguard.password.PasswordValidatorTest#identityPresets")
    void exactEmail_violation(PasswordValidator v) {
      assertThat(violations(v.check("Root@Acme.example", ctx))).contains(EQUALS_EMAIL);
    }

    @Test
    void caseVariantOfAccountName_warningNotViolation() {
      PasswordCheck c = ROOT.check("acme-prod-2026", ctx);
      assertThat(violations(c)).doesNotContain(EQUALS_ACCOUNT_NAME);
      assertThat(warnings(c)).contains(CONTAINS_ACCOUNT_NAME);
      PasswordCheck e = ROOT.check("ROOT@ACME.EXAMPLE", ctx);
      assertThat(violations(e)).doesNotContain(EQUALS_EMAIL);
      assertThat(warnings(e)).contains(CONTAINS_EMAIL);
    }

    @Test
    void containsAccountNameOrEmailOrLocalPart_warning() {
      assertThat(warnings(ROOT.check("xACME-PROD-2026!", ctx))).contains(CONTAINS_ACCOUNT_NAME);
      assertThat(warnings(ROOT.check("Root@acme.example99", ctx))).contains(CONTAINS_EMAIL);
      assertThat(warnings(ROOT.check("Zq9!rootKm42", ctx))).contains(CONTAINS_EMAIL);
    }

    @Test
    void userNameAndAccountId_containedIgnoringCase_warning() {
      PasswordCheck c = ROOT.check("Zq9!ALICEkm42", ctx);
      assertThat(warnings(c)).contains(CONTAINS_USER_NAME);
      assertThat(c.isValid()).isTrue();
      assertThat(warnings(ROOT.check("Zq!x123456789012", ctx))).contains(CONTAINS_ACCOUNT_ID);
      assertThat(warnings(ROOT.check("Zq!x12345678901", ctx))).doesNotContain(CONTAINS_ACCOUNT_ID);
    }

    @Test
    void customIamPolicy_hasNoIdentityRule_soExactNameIsWarning() {
      PasswordValidator v =
          PasswordValidator.of(
              PasswordPolicy.fromIam(
                  new IamPasswordPolicy(8, false, false, false, false, false, 0, 0, false)));
      PasswordCheck c = v.check("Acme-Prod-2026", ctx);
      assertThat(violations(c)).isEmpty();
      assertThat(warnings(c)).contains(CONTAINS_ACCOUNT_NAME);
    }

    @Test
    void unrelatedPassword_noIdentityFindings() {
      PasswordCheck c = ROOT.check(fourClasses(16), ctx);
      assertThat(c.isRecommended()).isTrue();
    }

    @Test
    void shortValues_onlyEquality_notContainment() {
      PasswordContext shortName = PasswordContext.builder().accountName("ab").build();
      assertThat(warnings(ROOT.check("xxab" + fourClasses(12), shortName))).isEmpty();
      assertThat(
              violations(
                  PasswordValidator.of(
                          PasswordPolicy.builder().minLength(1).minCharacterClasses(0).build())
                      .check("ab", shortName)))
          .contains(EQUALS_ACCOUNT_NAME);
    }
  }

  static Stream<PasswordValidator> identityPresets() {
    return Stream.of(ROOT, STRICT, IAM, RECOMMENDED);
  }

  @Nested
  class CommonPasswords {
    @ParameterizedTest
    @ValueSource(
        strings = {"secret", "password", "amazon", "123456", "Password1!", "amazon123", "SECRET"})
    void flaggedInEveryPreset_violationOnlyInRecommended(String pw) {
      for (PasswordValidator v : List.of(ROOT, STRICT, IAM, CIS)) {
        PasswordCheck c = v.check(pw);
        assertThat(warnings(c)).as("%s %s", v.policy().name(), pw).contains(COMMON_PASSWORD);
        assertThat(violations(c)).doesNotContain(COMMON_PASSWORD);
      }
      PasswordCheck r = RECOMMENDED.check(pw);
      assertThat(violations(r)).contains(COMMON_PASSWORD);
      assertThat(warnings(r)).doesNotContain(COMMON_PASSWORD);
    }

    @Test
    void rootValidButCommon_isValidNotRecommended() {
      PasswordCheck c = ROOT.check("Password1!");
      assertThat(c.isValid()).isTrue();
      assertThat(c.isRecommended()).isFalse();
      assertThat(warnings(c)).containsExactlyInAnyOrder(COMMON_PASSWORD, SHORTER_THAN_RECOMMENDED);
    }

    @Test
    void emptyDictionary_turnsTheCheckOff() {
      PasswordValidator v =
          PasswordValidator.of(PasswordPolicy.recommended(), PasswordDictionary.of(List.of()));
      assertThat(v.check("password").has(COMMON_PASSWORD)).isFalse();
    }

    @Test
    void customDictionary_isUsed() {
      PasswordValidator v =
          PasswordValidator.of(
              PasswordPolicy.awsRootUser(), PasswordDictionary.of(List.of("hunter2")));
      assertThat(warnings(v.check("hunter2"))).contains(COMMON_PASSWORD);
      assertThat(warnings(v.check("secret"))).doesNotContain(COMMON_PASSWORD);
    }
  }

  @Test
  void everyViolationAndWarningListed_notJustTheFirst() {
    PasswordContext ctx = PasswordContext.builder().accountName("amazon").build();
    PasswordCheck c = RECOMMENDED.check("amazon", ctx);
    assertThat(violations(c))
        .containsExactlyInAnyOrder(
            TOO_SHORT,
            MISSING_UPPERCASE,
            MISSING_DIGIT,
            MISSING_SYMBOL,
            EQUALS_ACCOUNT_NAME,
            COMMON_PASSWORD);
    assertThat(c.findings()).hasSize(c.violations().size() + c.warnings().size());
  }

  @Test
  void charArrayAndCharSequence_sameVerdict_andBufferUntouched() {
    char[] buf = "Abcdef12é".toCharArray();
    PasswordCheck fromArray = ROOT.check(buf, PasswordContext.empty());
    assertThat(buf).containsExactly("Abcdef12é".toCharArray());
    assertThat(fromArray).isEqualTo(ROOT.check("Abcdef12é"));
  }

  @Test
  void findingsAndToString_neverContainThePassword() {
    String pw = "Zebra-Quokka-2026";
    PasswordContext ctx = PasswordContext.builder().accountName("Zebra-Quokka-2026").build();
    PasswordCheck c = ROOT.check(pw, ctx);
    assertThat(c.findings()).isNotEmpty();
    assertThat(c.toString()).doesNotContain(pw).doesNotContain("Zebra");
    for (PasswordFinding f : c.findings()) {
      for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
        assertThat(f.message(l)).doesNotContain("Zebra").doesNotContain("Quokka");
      }
    }
  }

  @Test
  void strength_presentByDefault_absentWhenTurnedOff() {
    assertThat(ROOT.check("Password1!").strength()).isPresent();
    PasswordValidator fast =
        PasswordValidator.builder(PasswordPolicy.awsRootUser()).estimateStrength(false).build();
    assertThat(fast.check("Password1!").strength()).isEmpty();
    assertThat(violations(fast.check("x"))).isEqualTo(violations(ROOT.check("x")));
  }

  @Test
  void tenThousandCharacters_answered() {
    String big = "Ab1#".repeat(2500);
    PasswordCheck c = ROOT.check(big);
    assertThat(violations(c)).containsExactly(TOO_LONG);
    assertThat(violations(ROOT.check("\uD800".repeat(10_000))))
        .contains(TOO_LONG, DISALLOWED_CHARACTER);
  }

  @Test
  void emptyPassword_answered() {
    assertThat(violations(ROOT.check("")))
        .containsExactlyInAnyOrder(TOO_SHORT, TOO_FEW_CHARACTER_CLASSES);
  }
}
