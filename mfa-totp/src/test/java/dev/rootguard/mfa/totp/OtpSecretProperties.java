package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import java.time.Instant;
import java.util.Locale;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class OtpSecretProperties extends SecretAndParameterProviders {

  @Provide
  Arbitrary<String> nonCanonicalCodes() {
    return Generators.nonCanonicalCodes();
  }

  @Property(tries = 300)
  void base32RoundTrips(@ForAll @Size(min = 10, max = 100) byte[] raw) {
    OtpSecret s = OtpSecret.fromBytes(raw);
    String b32 = s.revealBase32();
    assertThat(OtpSecret.fromBase32(b32).revealBytes()).isEqualTo(raw);
    String messy = b32.toLowerCase(Locale.ROOT).replaceAll("(.{4})", "$1 ");
    assertThat(OtpSecret.fromBase32(messy).sameSecretAs(s)).isTrue();
  }

  @Property(tries = 200)
  void toStringNeverRevealsSecret(@ForAll("secrets") OtpSecret s) {
    assertThat(s.toString()).doesNotContain(s.revealBase32()).contains("redacted");
  }

  @Property(tries = 200)
  void generatedCodeVerifiesWithinWindow(
      @ForAll("secrets") OtpSecret s,
      @ForAll("parameters") OtpParameters p,
      @ForAll @LongRange(min = 0, max = 32_503_680_000L) long epochSecond) {
    MutableClock clock = MutableClock.at(epochSecond);
    TotpCredential c =
        TotpCredential.builder(CredentialId.of("c"), Principal.of("p"), s).parameters(p).build();
    TotpVerifier v = TotpVerifier.builder().clock(clock).build();
    String code = Totp.code(s, p, Instant.ofEpochSecond(epochSecond - p.periodSeconds()));
    MfaResult r = v.verify(c, code);
    assertThat(r.isAccepted()).isTrue();
    assertThat(((OtpMatch) r.detail()).step()).isEqualTo(p.stepAt(clock.instant()) - 1);
  }

  @Property(tries = 200)
  void nonCanonicalCodeIsMalformed(@ForAll("nonCanonicalCodes") String code) {
    TotpCredential c =
        TotpCredential.builder(CredentialId.of("c"), Principal.of("p"), OtpSecret.generate())
            .build();
    TotpVerifier v = TotpVerifier.builder().clock(MutableClock.at(1_000_000)).build();
    MfaResult r = v.verify(c, code);
    assertThat(((MfaResult.Rejected) r).reason()).isEqualTo(MfaResult.Reason.MALFORMED_INPUT);
  }

  @Property(tries = 100)
  void destroyedSecret_unusable(@ForAll("secrets") OtpSecret s) {
    s.destroy();
    assertThat(s.isDestroyed()).isTrue();
    assertThatThrownBy(s::revealBase32).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Hotp.code(s, HmacAlgorithm.SHA1, 6, 0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Property(tries = 50)
  void tooShortSecret_rejectedNamingField(@ForAll @Size(max = 9) byte[] raw) {
    assertThatThrownBy(() -> OtpSecret.fromBytes(raw))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("secret"));
  }

  @Property(tries = 30)
  void generate_lengthFollowsAlgorithm(@ForAll HmacAlgorithm a) {
    OtpSecret s = OtpSecret.generate(a);
    assertThat(s.length()).isEqualTo(a.macLength());
    assertThat(s.sameSecretAs(OtpSecret.generate(a))).isFalse();
  }
}
