package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.internal.PercentCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class OtpAuthUriProperties extends SecretAndParameterProviders {

  @Provide
  Arbitrary<String> names() {
    return Generators.names();
  }

  @Provide
  Arbitrary<Map<String, String>> extras() {
    return Arbitraries.maps(
            Arbitraries.strings()
                .alpha()
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(
                    k ->
                        !k.equalsIgnoreCase("secret")
                            && !k.equalsIgnoreCase("issuer")
                            && !k.equalsIgnoreCase("algorithm")
                            && !k.equalsIgnoreCase("digits")
                            && !k.equalsIgnoreCase("period")
                            && !k.equalsIgnoreCase("counter")),
            Arbitraries.strings().ofMaxLength(20).withCharRange(' ', '\uD7FF'))
        .ofMaxSize(3);
  }

  @Property(tries = 300)
  void totp_formatThenParse_roundTrips(
      @ForAll("secrets") OtpSecret secret,
      @ForAll("parameters") OtpParameters params,
      @ForAll("names") String issuer,
      @ForAll("names") String account,
      @ForAll("extras") Map<String, String> extras) {
    OtpAuthUri.Builder b =
        OtpAuthUri.builder(OtpAuthUri.Type.TOTP, account, secret).issuer(issuer).parameters(params);
    extras.forEach(b::extraParameter);
    OtpAuthUri u = b.build();

    OtpAuthUri back = OtpAuthUri.parse(u.format());

    assertThat(back.type()).isEqualTo(OtpAuthUri.Type.TOTP);
    assertThat(back.issuer()).hasValue(issuer);
    assertThat(back.account()).isEqualTo(account);
    assertThat(back.secret().sameSecretAs(secret)).isTrue();
    assertThat(back.parameters()).isEqualTo(params);
    assertThat(back.extraParameters()).isEqualTo(new LinkedHashMap<>(extras));
    assertThat(back.format()).isEqualTo(u.format());
    assertThat(back.warnings()).isEmpty();
  }

  private static final List<String> KNOWN =
      List.of("secret", "issuer", "algorithm", "digits", "period", "counter");

  @Provide
  Arbitrary<String> knownParameters() {
    return Arbitraries.of(KNOWN);
  }

  /**
   * Percent-encodes every UTF-8 byte that is not an ASCII letter or digit: written here, apart from
   * the parser's own codec, so the URIs below are built without the code under test.
   */
  static String pct(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        b.append((char) c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, "%%%02X", c));
      }
    }
    return b.toString();
  }

  /** Written by hand (not with format()), so the parser is checked against the text itself. */
  private static String totpUri(String labelIssuer, String account, String query) {
    return "otpauth://totp/"
        + (labelIssuer == null ? "" : pct(labelIssuer) + ":")
        + pct(account)
        + "?"
        + query;
  }

  /** Issue 11 §3.3: the issuer parameter wins over a differing label prefix, with a warning. */
  @Property(tries = 300)
  void issuerParameterWinsOverLabelPrefix_warningOnlyWhenTheyDiffer(
      @ForAll("secrets") OtpSecret secret,
      @ForAll("names") String labelIssuer,
      @ForAll("names") String parameterIssuer,
      @ForAll("names") String account,
      @ForAll boolean plusForSpace) {
    String issuerParam = pct(parameterIssuer);
    if (plusForSpace) {
      issuerParam = issuerParam.replace("%20", "+"); // '+' is a space in a query value
    }
    String text =
        totpUri(
            labelIssuer,
            account,
            "secret=" + TestBase32.encode(secret.revealBytes()) + "&issuer=" + issuerParam);
    OtpAuthUri u = OtpAuthUri.parse(text);
    assertThat(u.issuer()).hasValue(parameterIssuer);
    assertThat(u.account()).isEqualTo(account);
    assertThat(u.secret().sameSecretAs(secret)).isTrue();
    if (labelIssuer.equals(parameterIssuer)) {
      assertThat(u.warnings()).isEmpty();
    } else {
      assertThat(u.warnings())
          .singleElement()
          .asString()
          .startsWith("issuer:")
          .contains(labelIssuer)
          .contains(parameterIssuer)
          .doesNotContain(secret.revealBase32());
    }
  }

  /** Any known parameter given twice, in any letter case, is refused naming that parameter. */
  @Property(tries = 300)
  void repeatedKnownParameter_refusedNamingIt(
      @ForAll("secrets") OtpSecret secret,
      @ForAll("knownParameters") String name,
      @ForAll boolean hotp,
      @ForAll boolean upperCaseSecond) {
    String b32 = TestBase32.encode(secret.revealBytes());
    Map<String, String> values =
        Map.of(
            "secret", b32,
            "issuer", "Acme",
            "algorithm", "SHA1",
            "digits", "6",
            "period", "30",
            "counter", "0");
    String type = hotp ? "hotp" : "totp";
    String query = "secret=" + b32 + (hotp ? "&counter=0" : "");
    if (!name.equals("secret") && !(hotp && name.equals("counter"))) {
      query += "&" + name + "=" + values.get(name);
    }
    String second = upperCaseSecond ? name.toUpperCase(java.util.Locale.ROOT) : name;
    String text =
        "otpauth://" + type + "/Acme:alice?" + query + "&" + second + "=" + values.get(name);
    assertThatThrownBy(() -> OtpAuthUri.parse(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(name);
              assertThat(e.getMessage()).doesNotContain(b32);
            });
  }

  /**
   * One rule everywhere (issue 11 §3.1): secrets under 10 bytes are refused, others kept exactly.
   */
  @Property(tries = 300)
  void secretLength_underTenBytesRefused_otherwiseDecodedExactly(
      @ForAll @Size(min = 1, max = 40) byte[] raw, @ForAll boolean padded) {
    String b32 = padded ? TestBase32.encodePadded(raw) : TestBase32.encode(raw);
    String text = totpUri("Acme", "alice", "secret=" + b32.replace("=", "%3D"));
    if (raw.length < OtpSecret.MIN_LENGTH) {
      assertThatThrownBy(() -> OtpAuthUri.parse(text))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> {
                assertThat(e.field()).isEqualTo("secret");
                assertThat(e.getMessage()).contains("was " + raw.length + " bytes");
                if (raw.length >= 5) {
                  assertThat(e.getMessage()).doesNotContain(b32.replace("=", ""));
                }
              });
    } else {
      assertThat(OtpAuthUri.parse(text).secret().revealBytes()).isEqualTo(raw);
    }
  }

  /** Whitespace around the account is removed with a warning; the result formats back cleanly. */
  @Property(tries = 200)
  void accountWhitespace_strippedWithWarning(
      @ForAll("secrets") OtpSecret secret,
      @ForAll("names") String account,
      @ForAll("spaces") String before,
      @ForAll("spaces") String after) {
    Assume.that(!(before + after).isEmpty() && !(after.isEmpty() && before.matches(" *")));
    String text =
        totpUri(
            "Acme", before + account + after, "secret=" + TestBase32.encode(secret.revealBytes()));
    OtpAuthUri u = OtpAuthUri.parse(text);
    assertThat(u.account()).isEqualTo(account);
    assertThat(u.warnings()).singleElement().asString().startsWith("account:");
    assertThat(OtpAuthUri.parse(u.format()).warnings()).isEmpty();
  }

  @Provide
  Arbitrary<String> spaces() {
    return Arbitraries.strings().withChars(' ', '\t').ofMaxLength(3);
  }

  /** A colon in the issuer parameter is refused: the label could not carry it. */
  @Property(tries = 200)
  void colonInIssuerParameter_refused(
      @ForAll("secrets") OtpSecret secret,
      @ForAll("names") String left,
      @ForAll("names") String right,
      @ForAll boolean encoded) {
    String issuer = pct(left) + (encoded ? "%3A" : ":") + pct(right);
    String text =
        totpUri(
            null,
            "alice",
            "secret=" + TestBase32.encode(secret.revealBytes()) + "&issuer=" + issuer);
    assertThatThrownBy(() -> OtpAuthUri.parse(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("issuer"));
  }

  @Property(tries = 200)
  void hotp_formatThenParse_roundTrips(
      @ForAll("secrets") OtpSecret secret,
      @ForAll("names") String account,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long counter) {
    OtpAuthUri u =
        OtpAuthUri.builder(OtpAuthUri.Type.HOTP, account, secret)
            .counter(counter)
            .parameters(OtpParameters.of(HmacAlgorithm.SHA256, 8, 30))
            .build();
    OtpAuthUri back = OtpAuthUri.parse(u.format());
    assertThat(back.counter()).hasValue(counter);
    assertThat(back.issuer()).isEmpty();
    assertThat(back.account()).isEqualTo(account);
    assertThat(back.parameters().algorithm()).isEqualTo(HmacAlgorithm.SHA256);
  }

  @Property(tries = 200)
  void toString_neverRevealsSecret(
      @ForAll("secrets") OtpSecret secret, @ForAll("names") String account) {
    OtpAuthUri u = OtpAuthUri.builder(OtpAuthUri.Type.TOTP, account, secret).build();
    assertThat(u.toString()).doesNotContain(secret.revealBase32());
  }

  @Property(tries = 200)
  void malformedUri_messageNeverRevealsSecret(
      @ForAll("secrets") OtpSecret secret,
      @ForAll("names") String account,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 5) int fault) {
    String b32 = secret.revealBase32();
    String base = "otpauth://totp/Issuer:" + PercentCodec.encode(account) + "?secret=" + b32;
    String bad =
        switch (fault) {
          case 0 -> base + "&algorithm=MD5";
          case 1 -> base + "&digits=5";
          case 2 -> base + "&period=0";
          case 3 -> base + "&issuer=Other:Issuer";
          case 4 -> base.replace("otpauth://totp/", "otpauth://hotp/");
          default -> base + "&secret=" + b32;
        };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OtpAuthUri.parse(bad))
        .isInstanceOfSatisfying(
            dev.rootguard.InvalidInputException.class,
            e ->
                assertThat(e.getMessage()).doesNotContain(b32).doesNotContain(b32.substring(0, 8)));
  }
}
