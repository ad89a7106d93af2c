package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How the command line is wired: the clock reaches commands through {@link CliFactory}, closed
 * options convert through {@link CliChoice} (help lists the values, a bad word is one line and exit
 * 2), and {@link CliTexts} ignores the JVM's default locale.
 */
class CliWiringTest {
  private static final String RFC6238_SHA1_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void totpCode_withoutAt_readsTheInjectedClock() {
    // RFC 6238 Appendix B: SHA-1, T = 59 s -> 94287082.
    CliRunner.Result r =
        CliRunner.cli()
            .withClock(Clock.fixed(Instant.ofEpochSecond(59), ZoneOffset.UTC))
            .run("totp", "code", "--secret", RFC6238_SHA1_SEED, "--digits", "8");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("94287082" + System.lineSeparator());
  }

  @Test
  void totpCode_anotherClock_anotherCode() {
    // RFC 6238 Appendix B: SHA-1, T = 1111111109 s -> 07081804.
    CliRunner.Result r =
        CliRunner.cli()
            .withClock(Clock.fixed(Instant.ofEpochSecond(1111111109L), ZoneOffset.UTC))
            .run("totp", "code", "--secret", RFC6238_SHA1_SEED, "--digits", "8");
    assertThat(r.out()).isEqualTo("07081804" + System.lineSeparator());
  }

  @Test
  void help_listsTheValuesOfClosedOptions() {
    CliRunner.Result r = CliRunner.exec("audit", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Policy preset: recommended, cis1, cis2.")
        .contains("Report format: text, md, json, html.")
        .contains("Report language: en, ja.")
        .contains("Colours in text reports: auto, always, never;");
    assertThat(CliRunner.exec("demo", "--help").out())
        .contains("Report language: en, ja.")
        .contains("Colours in text reports: auto, always, never;");
  }

  @Test
  void closedOption_badWord_oneLineNamingTheOption() {
    CliRunner.Result r = CliRunner.exec("audit", "--demo", "--organization-role", "boss");
    assertThat(r.exit()).isEqualTo(RootGuardCli.EXIT_ERROR);
    assertThat(r.err())
        .isEqualTo(
            "rootguard: error: --organization-role: must be standalone, management or member"
                + System.lineSeparator());
    CliRunner.Result lang = CliRunner.exec("password", "check", "--lang", "fr");
    assertThat(lang.exit()).isEqualTo(RootGuardCli.EXIT_ERROR);
    assertThat(lang.err())
        .isEqualTo("rootguard: error: --lang: must be en or ja" + System.lineSeparator());
  }

  @Test
  void closedOption_isCaseSensitiveAsBefore() {
    assertThat(CliRunner.exec("audit", "--demo", "--policy", "CIS1").exit())
        .isEqualTo(RootGuardCli.EXIT_ERROR);
  }

  @Test
  void format_markdownAlias_rendersMarkdown() {
    CliRunner.Result md = CliRunner.exec("audit", "--demo", "--format", "md", "--color", "never");
    CliRunner.Result alias =
        CliRunner.exec("audit", "--demo", "--format", "markdown", "--color", "never");
    assertThat(alias.exit()).isEqualTo(md.exit()).isEqualTo(RootGuardCli.EXIT_VERDICT);
    assertThat(alias.out()).isEqualTo(md.out()).contains("|");
  }

  @Test
  void texts_japaneseDefaultLocale_englishStaysEnglish() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.JAPAN);
      assertThat(CliTexts.get(Locale.ENGLISH, "demo.passwords.heading"))
          .isEqualTo("== Sample passwords judged by each AWS preset ==");
      assertThat(CliTexts.get(Locale.JAPANESE, "demo.passwords.heading"))
          .isEqualTo("== AWS の各プリセットによるサンプルパスワードの判定 ==");
      assertThat(CliTexts.get(Locale.ENGLISH, "password.line")).isEqualTo("%d: ");
    } finally {
      Locale.setDefault(before);
    }
  }
}
