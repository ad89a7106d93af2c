package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtpAuthUriTest {
  private static final String SECRET40 =
      "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  @Test
  void parse_awsStyle_issuerInLabelAndParameter() {
    OtpAuthUri u =
        OtpAuthUri.parse(
            "otpauth://totp/Amazon%20Web%20Services:root@123456789012?secret="
                + SECRET40
                + "&issuer=Amazon%20Web%20Services");
    assertThat(u.type()).isEqualTo(OtpAuthUri.Type.TOTP);
    assertThat(u.issuer()).hasValue("Amazon Web Services");
    assertThat(u.account()).isEqualTo("root@123456789012");
    assertThat(u.secret().length()).isEqualTo(40);
    assertThat(u.parameters()).isEqualTo(OtpParameters.RFC6238_DEFAULT);
    assertThat(u.counter()).isEmpty();
  }

  @Test
  void parse_googleStyle_encodedColonAndAt() {
    OtpAuthUri u =
        OtpAuthUri.parse(
            "otpauth://totp/Example%3Aalice%40google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");
    assertThat(u.issuer()).hasValue("Example");
    assertThat(u.account()).isEqualTo("alice@google.com");
    assertThat(u.secret().revealBase32()).isEqualTo("JBSWY3DPEHPK3PXP");
  }

  @Test
  void parse_googleKeyUriSpecExample_allParameters() {
    OtpAuthUri u =
        OtpAuthUri.parse(
            "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
                + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30");
    assertThat(u.issuer()).hasValue("ACME Co");
    assertThat(u.account()).isEqualTo("john.doe@email.com");
    assertThat(u.parameters()).isEqualTo(OtpParameters.RFC6238_DEFAULT);
  }

  @Test
  void parse_githubStyle_issuerOnlyInParameter_lowercasePaddedSecret() {
    OtpAuthUri u =
        OtpAuthUri.parse(
            "otpauth://totp/GitHub:octocat?secret=gezdgnbvgy3tqojqgezdgnbvgy======&issuer=GitHub");
    assertThat(u.issuer()).hasValue("GitHub");
    assertThat(u.account()).isEqualTo("octocat");
    assertThat(u.secret().revealBase32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY");
    OtpAuthUri noPrefix =
        OtpAuthUri.parse("otpauth://totp/octocat?secret=MZXW6YTBOIMZXW6YTBOI&issuer=GitHub");
    assertThat(noPrefix.issuer()).hasValue("GitHub");
  }

  @Test
  void parse_spaceAfterColon_andPlusInQuery() {
    OtpAuthUri u =
        OtpAuthUri.parse(
            "otpauth://totp/Big%20Corp:%20alice?secret=JBSWY3DPEHPK3PXP&issuer=Big+Corp");
    assertThat(u.account()).isEqualTo("alice");
    assertThat(u.issuer()).hasValue("Big Corp");
  }

  @Test
  void parse_sha256EightDigitsSixtySeconds_andUnknownParametersKept() {
    OtpAuthUri u =
        OtpAuthUri.parse(
            "otpauth://totp/Vault:ops?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&period=60"
                + "&image=https%3A%2F%2Fexample.com%2Flogo.png&color=ff0000");
    assertThat(u.parameters()).isEqualTo(OtpParameters.of(HmacAlgorithm.SHA256, 8, 60));
    assertThat(u.extraParameters())
        .containsExactly(
            Map.entry("image", "https://example.com/logo.png"), Map.entry("color", "ff0000"));
    assertThat(u.format()).endsWith("&image=https%3A%2F%2Fexample.com%2Flogo.png&color=ff0000");
  }

  @Test
  void parse_hotp_counterRequired() {
    OtpAuthUri u = OtpAuthUri.parse("otpauth://hotp/Fob:root?secret=JBSWY3DPEHPK3PXP&counter=42");
    assertThat(u.type()).isEqualTo(OtpAuthUri.Type.HOTP);
    assertThat(u.counter()).hasValue(42);
    assertField("otpauth://hotp/Fob:root?secret=JBSWY3DPEHPK3PXP", "counter");
  }

  @Test
  void format_thenParse_sameValues() {
    OtpSecret s = OtpSecret.generate(HmacAlgorithm.SHA512);
    OtpAuthUri u =
        OtpAuthUri.totp(
            "Amazon Web Services",
            "root@123456789012",
            s,
            OtpParameters.of(HmacAlgorithm.SHA512, 7, 45));
    String text = u.format();
    assertThat(text).startsWith("otpauth://totp/Amazon%20Web%20Services:root@123456789012?secret=");
    OtpAuthUri back = OtpAuthUri.parse(text);
    assertThat(back.secret().sameSecretAs(s)).isTrue();
    assertThat(back.parameters()).isEqualTo(u.parameters());
    assertThat(back.issuer()).isEqualTo(u.issuer());
    assertThat(back.account()).isEqualTo(u.account());
  }

  @Test
  void toString_redactsSecret() {
    OtpAuthUri u = OtpAuthUri.parse("otpauth://totp/A:b?secret=" + SECRET40);
    assertThat(u.toString())
        .doesNotContain(SECRET40)
        .doesNotContain("JBSWY3DP")
        .contains("redacted");
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://totp/A:b?secret=JBSWY3DPEHPK3PXP|uri",
        "otpauth:/totp/A:b?secret=JBSWY3DPEHPK3PXP|uri",
        "otpauth://motp/A:b?secret=JBSWY3DPEHPK3PXP|type",
        "otpauth://totp|type",
        "otpauth://totp/?secret=JBSWY3DPEHPK3PXP|label",
        "otpauth://totp/A:?secret=JBSWY3DPEHPK3PXP|label",
        "otpauth://totp/:b?secret=JBSWY3DPEHPK3PXP|label",
        "otpauth://totp/A%2:b?secret=JBSWY3DPEHPK3PXP|label",
        "otpauth://totp/A%FF:b?secret=JBSWY3DPEHPK3PXP|label",
        "otpauth://totp/A:b|secret",
        "otpauth://totp/A:b?secret=|secret",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PX1|secret",
        "otpauth://totp/A:b?secret=JBSW|secret",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP|secret",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A:B|issuer",
        "otpauth://totp/b?secret=JBSWY3DPEHPK3PXP&issuer=A%3AB|issuer",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&SECRET=JBSWY3DPEHPK3PXP|secret",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=6&digits=8|digits",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A&Issuer=A|issuer",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&period=30&period=60|period",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&algorithm=SHA256|algorithm",
        "otpauth://hotp/A:b?secret=JBSWY3DPEHPK3PXP&counter=1&counter=2|counter",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&image=x&image=y|uri",
        "otpauth://totp/A:b?secret=JBSWY3DP|secret",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PX|secret",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3A==|secret",
        "otpauth://totp/A:%20%20?secret=JBSWY3DPEHPK3PXP|label",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&algorithm=MD5|algorithm",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=5|digits",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=11|digits",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=six|digits",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=-6|digits",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&period=0|period",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&period=3.5|period",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&period=|period",
        "otpauth://hotp/A:b?secret=JBSWY3DPEHPK3PXP&counter=-1|counter",
        "otpauth://hotp/A:b?secret=JBSWY3DPEHPK3PXP&counter=99999999999999999999|counter",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&=x|uri",
        "otpauth://totp/A:b?secret=JBSWY3DP+EHPK3PXP|secret",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&image=%zz|uri"
      })
  void parse_malformed_namesParameter(String uri, String field) {
    assertField(uri, field);
  }

  private static void assertField(String uri, String field) {
    assertThatThrownBy(() -> OtpAuthUri.parse(uri))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).doesNotContain("JBSWY3DP");
            });
  }

  @Test
  void parse_labelIssuerDiffersFromParameter_parameterWinsWithWarning() {
    // Issue 11 §3.3: a label made with URLEncoder turns the space into '+'.
    OtpAuthUri u =
        OtpAuthUri.parse(
            "otpauth://totp/Acme+Corp:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp");
    assertThat(u.issuer()).hasValue("Acme Corp");
    assertThat(u.account()).isEqualTo("alice");
    assertThat(u.warnings())
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .startsWith("issuer:")
                    .contains("\"Acme+Corp\"")
                    .contains("\"Acme Corp\"")
                    .doesNotContain("JBSWY3DP"));
    assertThat(u.format()).startsWith("otpauth://totp/Acme%20Corp:alice?");
    OtpAuthUri other = OtpAuthUri.parse("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=B");
    assertThat(other.issuer()).hasValue("B");
    assertThat(other.warnings()).hasSize(1);
  }

  @Test
  void parse_cleanUris_noWarnings() {
    assertThat(
            OtpAuthUri.parse(
                    "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
                        + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30")
                .warnings())
        .isEmpty();
    assertThat(
            OtpAuthUri.parse("otpauth://totp/Big%20Corp:%20%20alice?secret=JBSWY3DPEHPK3PXP")
                .warnings())
        .as("spaces after the colon are allowed by the format")
        .isEmpty();
    OtpSecret s = OtpSecret.generate();
    assertThat(OtpAuthUri.totp("A", "b", s, OtpParameters.RFC6238_DEFAULT).warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "otpauth://totp/Acme:alice%20?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Acme:alice%09?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/%20alice%20?secret=JBSWY3DPEHPK3PXP&issuer=Acme",
        "otpauth://totp/Acme:%09alice?secret=JBSWY3DPEHPK3PXP"
      })
  void parse_whitespaceAroundAccount_strippedWithWarning(String uri) {
    OtpAuthUri u = OtpAuthUri.parse(uri);
    assertThat(u.account()).isEqualTo("alice");
    assertThat(u.issuer()).hasValue("Acme");
    assertThat(u.warnings()).singleElement().asString().startsWith("account:");
    OtpAuthUri again = OtpAuthUri.parse(u.format());
    assertThat(again.account()).isEqualTo("alice");
    assertThat(again.warnings()).isEmpty();
  }

  @Test
  void parse_parameterOfTheOtherType_ignoredWithWarning() {
    OtpAuthUri t = OtpAuthUri.parse("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&counter=5");
    assertThat(t.counter()).isEmpty();
    assertThat(t.extraParameters()).isEmpty();
    assertThat(t.warnings()).containsExactly("counter: ignored in a totp URI");
    OtpAuthUri h =
        OtpAuthUri.parse("otpauth://hotp/A:b?secret=JBSWY3DPEHPK3PXP&counter=5&period=60");
    assertThat(h.warnings()).containsExactly("period: ignored in a hotp URI");
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 6, 7, 8, 9})
  void parse_fiveToNineByteSecret_refusedWithLengthAndMinimum(int bytes) {
    byte[] raw = new byte[bytes];
    java.util.Arrays.fill(raw, (byte) 0x5a);
    String b32 = TestBase32.encode(raw);
    assertThatThrownBy(() -> OtpAuthUri.parse("otpauth://totp/A:b?secret=" + b32))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("secret");
              assertThat(e.getMessage())
                  .contains("was " + bytes + " bytes")
                  .contains(OtpSecret.MIN_LENGTH + " to")
                  .doesNotContain(b32);
            });
  }

  @Test
  void builder_colonInNames_rejected() {
    OtpSecret s = OtpSecret.generate();
    assertThatThrownBy(() -> OtpAuthUri.totp("A:B", "c", s, OtpParameters.RFC6238_DEFAULT))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("issuer"));
    assertThatThrownBy(() -> OtpAuthUri.totp("A", "c:d", s, OtpParameters.RFC6238_DEFAULT))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("account"));
  }
}
