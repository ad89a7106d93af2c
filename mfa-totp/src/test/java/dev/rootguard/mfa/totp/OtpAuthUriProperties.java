package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.totp.internal.PercentCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

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
      @ForAll("secrets") TotpSecret secret,
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
  }

  @Property(tries = 200)
  void hotp_formatThenParse_roundTrips(
      @ForAll("secrets") TotpSecret secret,
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
      @ForAll("secrets") TotpSecret secret, @ForAll("names") String account) {
    OtpAuthUri u = OtpAuthUri.builder(OtpAuthUri.Type.TOTP, account, secret).build();
    assertThat(u.toString()).doesNotContain(secret.revealBase32());
  }

  @Property(tries = 200)
  void malformedUri_messageNeverRevealsSecret(
      @ForAll("secrets") TotpSecret secret,
      @ForAll("names") String account,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 5) int fault) {
    String b32 = secret.revealBase32();
    String base = "otpauth://totp/Issuer:" + PercentCodec.encode(account) + "?secret=" + b32;
    String bad =
        switch (fault) {
          case 0 -> base + "&algorithm=MD5";
          case 1 -> base + "&digits=5";
          case 2 -> base + "&period=0";
          case 3 -> base + "&issuer=Other";
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
