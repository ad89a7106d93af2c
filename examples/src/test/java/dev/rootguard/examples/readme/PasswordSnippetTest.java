package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordCheck;
import dev.rootguard.password.PasswordContext;
import dev.rootguard.password.PasswordFinding;
import dev.rootguard.password.PasswordPolicy;
import dev.rootguard.password.PasswordRule;
import dev.rootguard.password.PasswordValidator;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PasswordSnippetTest {
  @Test
  void passwordValidator() {
    char[] password = "amazon".toCharArray();
    // snippet: password-validator
    PasswordValidator validator = PasswordValidator.of(PasswordPolicy.awsRootUser());
    PasswordCheck check =
        validator.check(
            password,
            PasswordContext.builder().accountName("acme-prod").email("root@acme.example").build());
    Arrays.fill(password, '\0'); // the validator kept nothing
    for (PasswordFinding v : check.violations()) {
      System.out.println(v.rule() + ": " + v.message(Locale.JAPANESE));
    }
    // TOO_SHORT: パスワードは 8 文字以上にしてください。
    // TOO_FEW_CHARACTER_CLASSES: 英大文字、英小文字、数字、記号のうち 3 種類以上を組み合わせてください。
    // and check.warnings() has COMMON_PASSWORD: "amazon" is on the common-password list
    // end snippet
    assertThat(check.isValid()).isFalse();
    assertThat(check.violations())
        .extracting(PasswordFinding::rule)
        .containsExactly(PasswordRule.TOO_SHORT, PasswordRule.TOO_FEW_CHARACTER_CLASSES);
    assertThat(check.violations().get(0).message(Locale.JAPANESE))
        .isEqualTo("パスワードは 8 文字以上にしてください。");
    assertThat(check.violations().get(1).message(Locale.JAPANESE))
        .isEqualTo("英大文字、英小文字、数字、記号のうち 3 種類以上を組み合わせてください。");
    assertThat(check.warnings())
        .extracting(PasswordFinding::rule)
        .contains(PasswordRule.COMMON_PASSWORD);
  }
}
