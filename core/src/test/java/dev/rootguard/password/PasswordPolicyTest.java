package dev.rootguard.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  /** What {@code aws iam get-account-password-policy} prints for a CIS-style policy. */
  static final String CLI_OUTPUT =
      """
      {
          "PasswordPolicy": {
              "MinimumPasswordLength": 14,
              "RequireSymbols": true,
              "RequireNumbers": true,
              "RequireUppercaseCharacters": true,
              "RequireLowercaseCharacters": true,
              "AllowUsersToChangePassword": true,
              "ExpirePasswords": true,
              "MaxPasswordAge": 90,
              "PasswordReusePrevention": 24,
              "HardExpiry": false
          }
      }
      """;

  static void assertField(Runnable r, String field) {
    assertThatThrownBy(r::run)
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
  }

  @Test
  void presets_matchAwsFacts() {
    PasswordPolicy root = PasswordPolicy.awsRootUser();
    assertThat(root.name()).isEqualTo("aws-root");
    assertThat(root.minLength()).isEqualTo(8);
    assertThat(root.maxLength()).isEqualTo(128);
    assertThat(root.minCharacterClasses()).isEqualTo(3);
    assertThat(root.symbols()).isEqualTo(PasswordPolicy.SymbolSet.AWS_ROOT);
    assertThat(root.allowedCharacters())
        .isEqualTo(PasswordPolicy.AllowedCharacters.PRINTABLE_ASCII);
    assertThat(root.rejectAccountNameAndEmail()).isTrue();
    assertThat(root.commonPasswordsAreViolations()).isFalse();

    PasswordPolicy strict = PasswordPolicy.awsRootUserStrict();
    assertThat(
            strict.requireUppercase()
                && strict.requireLowercase()
                && strict.requireDigit()
                && strict.requireSymbol())
        .isTrue();
    assertThat(strict.minCharacterClasses()).isEqualTo(4);

    PasswordPolicy iam = PasswordPolicy.awsIamDefault();
    assertThat(iam.symbols()).isEqualTo(PasswordPolicy.SymbolSet.AWS_IAM);
    assertThat(iam.allowedCharacters()).isEqualTo(PasswordPolicy.AllowedCharacters.IAM_API);
    assertThat(iam.minLength()).isEqualTo(8);
    assertThat(iam.minCharacterClasses()).isEqualTo(3);
    assertThat(iam.rejectAccountNameAndEmail()).isTrue();

    PasswordPolicy cis = PasswordPolicy.cisAwsFoundations();
    assertThat(cis.minLength()).isEqualTo(14);
    assertThat(cis.passwordReusePrevention()).isEqualTo(24);

    PasswordPolicy rec = PasswordPolicy.recommended();
    assertThat(rec.minLength()).isEqualTo(14);
    assertThat(rec.minCharacterClasses()).isEqualTo(4);
    assertThat(rec.symbols()).isEqualTo(PasswordPolicy.SymbolSet.AWS_ROOT);
    assertThat(rec.commonPasswordsAreViolations()).isTrue();
  }

  @Test
  void equalsHashCodeAndToBuilder() {
    PasswordPolicy p = PasswordPolicy.recommended();
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(p.toBuilder().minLength(15).build()).isNotEqualTo(p);
    assertThat(PasswordPolicy.awsRootUser()).isNotEqualTo(PasswordPolicy.awsIamDefault());
    assertThat(p.toString()).contains("recommended");
  }

  @Nested
  class Builder {
    @Test
    void outOfRange_namesTheField() {
      assertField(() -> PasswordPolicy.builder().minLength(0).build(), "minLength");
      assertField(() -> PasswordPolicy.builder().minLength(129).build(), "minLength");
      assertField(() -> PasswordPolicy.builder().maxLength(0).build(), "maxLength");
      assertField(() -> PasswordPolicy.builder().maxLength(4097).build(), "maxLength");
      assertField(
          () -> PasswordPolicy.builder().minCharacterClasses(5).build(), "minCharacterClasses");
      assertField(
          () -> PasswordPolicy.builder().minCharacterClasses(-1).build(), "minCharacterClasses");
      assertField(
          () -> PasswordPolicy.builder().passwordReusePrevention(25).build(),
          "passwordReusePrevention");
      assertField(() -> PasswordPolicy.builder().maxPasswordAge(1096).build(), "maxPasswordAge");
      assertField(
          () -> PasswordPolicy.builder().recommendedLength(-1).build(), "recommendedLength");
      assertField(() -> PasswordPolicy.builder().name(" "), "name");
      assertThat(PasswordPolicy.builder().maxLength(4096).minLength(4096).build().minLength())
          .isEqualTo(4096);
    }
  }

  @Nested
  class FromIam {
    @Test
    void mapsEveryField() {
      PasswordPolicy p =
          PasswordPolicy.fromIam(
              new IamPasswordPolicy(14, true, false, true, false, true, 90, 24, true));
      assertThat(p.minLength()).isEqualTo(14);
      assertThat(p.maxLength()).isEqualTo(128);
      assertThat(p.requireSymbol()).isTrue();
      assertThat(p.requireDigit()).isFalse();
      assertThat(p.requireUppercase()).isTrue();
      assertThat(p.requireLowercase()).isFalse();
      assertThat(p.allowUsersToChangePassword()).isTrue();
      assertThat(p.maxPasswordAge()).isEqualTo(90);
      assertThat(p.passwordReusePrevention()).isEqualTo(24);
      assertThat(p.hardExpiry()).isTrue();
      assertThat(p.minCharacterClasses()).isZero();
      assertThat(p.symbols()).isEqualTo(PasswordPolicy.SymbolSet.AWS_IAM);
      assertThat(p.allowedCharacters()).isEqualTo(PasswordPolicy.AllowedCharacters.IAM_API);
    }

    @ParameterizedTest
    @CsvSource({"6", "128"})
    void minimumLength_atBounds_accepted(int len) {
      PasswordPolicy p =
          PasswordPolicy.fromIam(
              new IamPasswordPolicy(len, false, false, false, false, false, 0, 0, false));
      assertThat(p.minLength()).isEqualTo(len);
      assertThat(
              PasswordValidator.of(p).check("a".repeat(len - 1)).violates(PasswordRule.TOO_SHORT))
          .isTrue();
      assertThat(PasswordValidator.of(p).check("q".repeat(len)).violates(PasswordRule.TOO_SHORT))
          .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
      "5,0,0,MinimumPasswordLength",
      "129,0,0,MinimumPasswordLength",
      "8,1096,0,MaxPasswordAge",
      "8,-1,0,MaxPasswordAge",
      "8,0,25,PasswordReusePrevention",
      "8,0,-1,PasswordReusePrevention"
    })
    void beyondBounds_namesTheField(int min, int age, int reuse, String field) {
      assertField(
          () -> new IamPasswordPolicy(min, false, false, false, false, false, age, reuse, false),
          field);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "1095,24"})
    void ageAndReuse_atBounds_accepted(int age, int reuse) {
      PasswordPolicy p =
          PasswordPolicy.fromIam(
              new IamPasswordPolicy(8, false, false, false, false, false, age, reuse, false));
      assertThat(p.maxPasswordAge()).isEqualTo(age);
      assertThat(p.passwordReusePrevention()).isEqualTo(reuse);
    }
  }

  @Nested
  class FromIamJson {
    @Test
    void cliOutput_parsed() {
      PasswordPolicy p = PasswordPolicy.fromIamJson(CLI_OUTPUT);
      assertThat(p)
          .isEqualTo(
              PasswordPolicy.fromIam(
                  new IamPasswordPolicy(14, true, true, true, true, true, 90, 24, false)));
    }

    @Test
    void bareInnerObject_andStream_parsed() {
      String inner = "{\"MinimumPasswordLength\": 10, \"RequireNumbers\": true}";
      PasswordPolicy p = PasswordPolicy.fromIamJson(inner);
      assertThat(p.minLength()).isEqualTo(10);
      assertThat(p.requireDigit()).isTrue();
      assertThat(p.requireSymbol()).isFalse();
      assertThat(
              PasswordPolicy.fromIamJson(
                  new ByteArrayInputStream(CLI_OUTPUT.getBytes(StandardCharsets.UTF_8))))
          .isEqualTo(PasswordPolicy.fromIamJson(CLI_OUTPUT));
    }

    @Test
    void missingMinimumLength_isSix_andOmittedFieldsAreOff() {
      PasswordPolicy p =
          PasswordPolicy.fromIamJson("{\"PasswordPolicy\": {\"RequireSymbols\": true}}");
      assertThat(p.minLength()).isEqualTo(6);
      assertThat(p.maxPasswordAge()).isZero();
      assertThat(p.passwordReusePrevention()).isZero();
      assertThat(p.hardExpiry()).isFalse();
      assertThat(PasswordPolicy.fromIamJson("{}").minLength()).isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "\"MinimumPasswordLength\": 5|MinimumPasswordLength",
          "\"MinimumPasswordLength\": 129|MinimumPasswordLength",
          "\"MinimumPasswordLength\": \"14\"|MinimumPasswordLength",
          "\"MinimumPasswordLength\": 14.5|MinimumPasswordLength",
          "\"MinimumPasswordLength\": 99999999999|MinimumPasswordLength",
          "\"MaxPasswordAge\": 0|MaxPasswordAge",
          "\"MaxPasswordAge\": 1096|MaxPasswordAge",
          "\"MaxPasswordAge\": true|MaxPasswordAge",
          "\"PasswordReusePrevention\": 0|PasswordReusePrevention",
          "\"PasswordReusePrevention\": 25|PasswordReusePrevention",
          "\"PasswordReusePrevention\": [24]|PasswordReusePrevention",
          "\"RequireSymbols\": \"true\"|RequireSymbols",
          "\"RequireNumbers\": 1|RequireNumbers",
          "\"RequireUppercaseCharacters\": \"yes\"|RequireUppercaseCharacters",
          "\"RequireLowercaseCharacters\": {}|RequireLowercaseCharacters",
          "\"AllowUsersToChangePassword\": 0|AllowUsersToChangePassword",
          "\"HardExpiry\": \"false\"|HardExpiry",
          "\"ExpirePasswords\": \"true\"|ExpirePasswords",
          "\"ExpirePasswords\": true|ExpirePasswords",
          "\"MaxPasswordAge\": 30, \"ExpirePasswords\": false|ExpirePasswords",
        })
    void wrongTypeOrRange_namesTheField(String body, String field) {
      assertField(() -> PasswordPolicy.fromIamJson("{\"PasswordPolicy\": {" + body + "}}"), field);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "\"MinimumPasswordLength\": 6|6|0|0",
          "\"MinimumPasswordLength\": 128|128|0|0",
          "\"MaxPasswordAge\": 1, \"ExpirePasswords\": true|6|1|0",
          "\"MaxPasswordAge\": 1095|6|1095|0",
          "\"PasswordReusePrevention\": 1|6|0|1",
          "\"PasswordReusePrevention\": 24|6|0|24",
        })
    void atBounds_accepted(String body, int min, int age, int reuse) {
      PasswordPolicy p = PasswordPolicy.fromIamJson("{\"PasswordPolicy\": {" + body + "}}");
      assertThat(p.minLength()).isEqualTo(min);
      assertThat(p.maxPasswordAge()).isEqualTo(age);
      assertThat(p.passwordReusePrevention()).isEqualTo(reuse);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "not json",
          "[1,2]",
          "\"x\"",
          "{\"PasswordPolicy\": 3}",
          "{} {}",
          "{\"a\":1,"
        })
    void notAPolicyObject_namesPasswordPolicy(String json) {
      assertField(() -> PasswordPolicy.fromIamJson(json), "PasswordPolicy");
    }

    @Test
    void leadingByteOrderMark_readAsTheStreamFormDoes() {
      // found by the fuzz suite (IamPolicyJsonFuzzTest): a file read with Files.readString keeps
      // the BOM; the String form refused it as "not valid JSON" while the stream form skipped it
      String withBom = "\uFEFF" + CLI_OUTPUT;
      assertThat(PasswordPolicy.fromIamJson(withBom))
          .isEqualTo(PasswordPolicy.fromIamJson(CLI_OUTPUT));
      assertThat(
              PasswordPolicy.fromIamJson(
                  new ByteArrayInputStream(withBom.getBytes(StandardCharsets.UTF_8))))
          .isEqualTo(PasswordPolicy.fromIamJson(CLI_OUTPUT));
      assertField(() -> PasswordPolicy.fromIamJson("\uFEFF"), "PasswordPolicy");
      assertField(() -> PasswordPolicy.fromIamJson("\uFEFF\uFEFF{}"), "PasswordPolicy");
    }

    @Test
    void streamThatLooksLikeUtf32_refusedAsInput_notAsReadFailure() {
      // found by the fuzz suite (IamPolicyJsonFuzzTest, crash-696f0b59...): leading NUL bytes
      // make Jackson read UTF-32, whose decoding error was reported as "cannot read the stream"
      byte[] nuls = new byte[64];
      byte[] body = "{\"MinimumPasswordLength\": 8}".getBytes(StandardCharsets.UTF_8);
      byte[] input = java.util.Arrays.copyOf(nuls, nuls.length + body.length);
      System.arraycopy(body, 0, input, nuls.length, body.length);
      assertField(
          () -> PasswordPolicy.fromIamJson(new ByteArrayInputStream(input)), "PasswordPolicy");
      assertField(
          () ->
              PasswordPolicy.fromIamJson(
                  new ByteArrayInputStream(new byte[] {0, 0, 0, '{', -1, -1, -1, -1})),
          "PasswordPolicy");
    }

    @Test
    void unknownFields_ignored_nullMeansAbsent() {
      PasswordPolicy p =
          PasswordPolicy.fromIamJson(
              "{\"PasswordPolicy\": {\"MinimumPasswordLength\": 9, \"Future\": \"x\","
                  + " \"MaxPasswordAge\": null}}");
      assertThat(p.minLength()).isEqualTo(9);
      assertThat(p.maxPasswordAge()).isZero();
    }
  }
}
