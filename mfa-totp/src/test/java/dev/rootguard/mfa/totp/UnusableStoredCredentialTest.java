package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.InMemoryAttemptLimiter;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testing.CapturedStderr;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SPI path of {@link TotpVerifier} and {@link HotpVerifier} fails closed when the credential
 * store cannot hand back a usable credential (issue 11 §3.1): {@link Reason#VERIFIER_ERROR} and a
 * WARN line naming the credential id, never an exception and never the secret.
 */
class UnusableStoredCredentialTest {
  private static final Principal ALICE = Principal.of("alice");
  private static final CredentialId PHONE = CredentialId.of("alice-phone");
  private final MutableClock clock = MutableClock.at(2_000_000_000L);

  /** What a store throws when a hand-edited row holds a 4-byte secret ("1234"). */
  private static Optional<TotpCredential> shortSecretRow(CredentialId id) {
    byte[] raw = "1234".getBytes(StandardCharsets.US_ASCII);
    return Optional.of(TotpCredential.builder(id, ALICE, OtpSecret.fromBytes(raw)).build());
  }

  private static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("expected a rejection: %s", r).isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  @Test
  void totpSpi_lookupCannotRebuildShortSecret_verifierErrorAndWarnNamingId() {
    TotpVerifier v =
        TotpVerifier.builder()
            .clock(clock)
            .credentials(UnusableStoredCredentialTest::shortSecretRow)
            .build();
    try (CapturedStderr err = CapturedStderr.start()) {
      MfaResult r = v.verify(MfaAttempt.of(ALICE, Factor.TOTP_APP, PHONE, "123456"));
      assertThat(reason(r)).isEqualTo(Reason.VERIFIER_ERROR);
      assertThat(err.text())
          .contains("WARN")
          .contains("alice-phone")
          .contains("VERIFIER_ERROR")
          .doesNotContain("GEZDGNA")
          .doesNotContain("31323334");
    }
  }

  @Test
  void totpSpi_destroyedSecretInStore_verifierError_countedByAuthenticator() {
    OtpSecret s = OtpSecret.generate();
    TotpCredential c = TotpCredential.builder(PHONE, ALICE, s).build();
    s.destroy();
    TotpVerifier v = TotpVerifier.builder().clock(clock).credentials(id -> Optional.of(c)).build();
    MfaAttempt a = MfaAttempt.of(ALICE, Factor.TOTP_APP, PHONE, "123456");
    assertThat(reason(v.verify(a))).isEqualTo(Reason.VERIFIER_ERROR);
    InMemoryAttemptLimiter limiter =
        InMemoryAttemptLimiter.builder().clock(clock).maxConsecutiveFailures(1).build();
    MfaAuthenticator mfa =
        MfaAuthenticator.builder().verifier(v).attemptLimiter(limiter).clock(clock).build();
    assertThat(reason(mfa.authenticate(a))).isEqualTo(Reason.VERIFIER_ERROR);
    assertThat(reason(mfa.authenticate(a))).isEqualTo(Reason.LOCKED_OUT);
  }

  @Test
  void totpSpi_storeUnreachable_thrownOnForTheAuthenticator() {
    TotpVerifier v =
        TotpVerifier.builder()
            .clock(clock)
            .credentials(
                id -> {
                  throw new StoreException("totp_credentials.find", "connection refused", null);
                })
            .build();
    MfaAttempt a = MfaAttempt.of(ALICE, Factor.TOTP_APP, PHONE, "123456");
    assertThatThrownBy(() -> v.verify(a)).isInstanceOf(StoreException.class);
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(v).clock(clock).build();
    assertThat(reason(mfa.authenticate(a))).isEqualTo(Reason.STORE_UNAVAILABLE);
  }

  @Test
  void hotpSpi_lookupThrowsInvalidInput_verifierError() {
    HotpVerifier v =
        HotpVerifier.builder()
            .clock(clock)
            .credentials(
                id -> {
                  throw new InvalidInputException("secret", "must be 10 to 1024 bytes, was 4");
                })
            .build();
    MfaResult r = v.verify(MfaAttempt.of(ALICE, Factor.HARDWARE_OTP, PHONE, "755224"));
    assertThat(reason(r)).isEqualTo(Reason.VERIFIER_ERROR);
  }
}
