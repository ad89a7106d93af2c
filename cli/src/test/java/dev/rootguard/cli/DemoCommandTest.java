package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private static String[] run(String... args) {
    CliRunner.Result r = CliRunner.exec(args);
    return new String[] {String.valueOf(r.exit()), r.out(), r.err()};
  }

  @Test
  void demo_leadsWithTheAuditThenJudgesPasswords() {
    String[] r = run("demo", "--color", "never");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[2]).isEmpty();
    String out = r[1];
    int audit = out.indexOf("Root-user audit");
    int passwords = out.indexOf("Sample passwords judged");
    assertThat(audit).isNotNegative();
    assertThat(passwords).isGreaterThan(audit);
    assertThat(out.substring(audit, passwords)).contains("ROOT_MFA_ENABLED").contains("FAIL");
    assertThat(out.substring(passwords)).contains("aws-root").contains("aws-iam-default");
    assertThat(out).doesNotContain("\u001b[");
  }

  @Test
  void demo_japanese_reportsInJapanese() {
    String[] r = run("demo", "--lang", "ja", "--color", "never");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).contains("ルートユーザー監査").contains("サンプルパスワード");
  }

  @Test
  void demo_badLanguage_exitTwoWithOneLine() {
    String[] r = run("demo", "--lang", "fr");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("--lang").doesNotContain("Exception");
  }
}
