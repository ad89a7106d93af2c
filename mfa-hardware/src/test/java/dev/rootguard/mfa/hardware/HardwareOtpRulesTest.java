package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpMatch;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: the hardware-token verifier follows the one OTP rule set of mfa-totp's engine (spaces
 * removed, nearest fresh step to now), fails closed through core's one limiter guard, reports bad
 * builder settings as {@link InvalidInputException} naming the field, and {@link HardwareToken}
 * holds its OTP settings as one {@link OtpParameters}.
 */
@DisplayName("Hardware tokens follow the one OTP rule set")
class HardwareOtpRulesTest {
  static final Principal ROOT = Principal.of("root");
  static final byte[] SEED_20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SEED_32 =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

  final InMemoryTokenStore store = new InMemoryTokenStore();

  MfaResult verify(HardwareTokenVerifier v, String serial, String code) {
    return v.verify(MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of(serial), code));
  }

  static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("expected a rejection: %s", r).isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  /** RFC 6238 Appendix B: SHA-1 seed "12345678901234567890", T = 59 s, 6 digits: 287082. */
  @ParameterizedTest
  @ValueSource(strings = {" 287082", "287082 ", "287 082", " 2 8 7 0 8 2 "})
  void asciiSpaces_areRemoved_likeTheAppVerifier(String typed) {
    store.add(HardwareToken.builder("T", OathType.TOTP, SEED_20).build());
    store.assign("T", ROOT);
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store).clock(MutableClock.at(59)).build();
    MfaResult r = verify(v, "T", typed);
    assertThat(r.isAccepted()).as("%s: %s", typed, r).isTrue();
    assertThat(r.detail()).isEqualTo(new OtpMatch(1, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\t287082", "287082\n", "287\u00a0082", "287_082"})
  void otherSeparators_stayMalformed(String typed) {
    store.add(HardwareToken.builder("T", OathType.TOTP, SEED_20).build());
    store.assign("T", ROOT);
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store).clock(MutableClock.at(59)).build();
    assertThat(reason(verify(v, "T", typed))).isEqualTo(Reason.MALFORMED_INPUT);
  }

  /**
   * SameCodeTwiceTest's collision (oathtool: steps S+1 and S+2 of SEED_32, SHA-256, 208 s, both
   * 471371). With the clock at step S+2 both lie in the ±1 window: the step nearest to now (S+2,
   * drift 0) is taken, not the lowest (S+1, drift -1).
   */
  @Test
  void twoFreshStepsWithTheCode_theNearestToNowWins() {
    long s = 582_694_028L;
    store.add(
        HardwareToken.builder("TOTP-208", OathType.TOTP, SEED_32)
            .algorithm(HmacAlgorithm.SHA256)
            .timeStep(Duration.ofSeconds(208))
            .build());
    store.assign("TOTP-208", ROOT);
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store).clock(MutableClock.at((s + 2) * 208)).build();
    assertThat(verify(v, "TOTP-208", "471371").detail()).isEqualTo(new OtpMatch(s + 2, 0));
    assertThat(store.state("TOTP-208").orElseThrow().driftSteps()).isZero();
  }

  /** A limiter whose store is down. */
  static final class DownLimiter implements AttemptLimiter {
    @Override
    public Optional<Instant> tryAcquire(Principal principal) {
      throw new StoreException("attempts.tryAcquire", "down", null);
    }

    @Override
    public void recordSuccess(Principal principal) {}

    @Override
    public void recordFailure(Principal principal) {}

    @Override
    public void release(Principal principal) {}
  }

  @Test
  void resync_limiterDown_storeUnavailable_nothingChecked() {
    store.add(HardwareToken.builder("H", OathType.HOTP, SEED_20).build());
    store.assign("H", ROOT);
    TokenState before = store.state("H").orElseThrow();
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store)
            .clock(MutableClock.at(59))
            .attemptLimiter(new DownLimiter())
            .build();
    // RFC 4226 Appendix D: counters 0 and 1 show 755224 and 287082.
    MfaResult r = v.resync(ROOT, "H", "755224", "287082");
    assertThat(reason(r)).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(store.state("H")).contains(before);
  }

  static Stream<Arguments> badSettings() {
    Stream<Arguments> verifier =
        Stream.of(
            Arguments.of("window", (Runnable) () -> verifierBuilder().window(11)),
            Arguments.of("window", (Runnable) () -> verifierBuilder().window(-1)),
            Arguments.of("hotpLookAhead", (Runnable) () -> verifierBuilder().hotpLookAhead(101)),
            Arguments.of("hotpLookAhead", (Runnable) () -> verifierBuilder().hotpLookAhead(-1)),
            Arguments.of(
                "totpResyncWindow",
                (Runnable) () -> verifierBuilder().totpResyncWindow(Duration.ZERO)),
            Arguments.of(
                "totpResyncWindow",
                (Runnable) () -> verifierBuilder().totpResyncWindow(Duration.ofMinutes(61))),
            Arguments.of(
                "hotpResyncWindow", (Runnable) () -> verifierBuilder().hotpResyncWindow(0)),
            Arguments.of(
                "hotpResyncWindow", (Runnable) () -> verifierBuilder().hotpResyncWindow(100_001)));
    Stream<Arguments> token =
        Stream.of(
            Arguments.of("digits", (Runnable) () -> tokenBuilder().digits(5)),
            Arguments.of("digits", (Runnable) () -> tokenBuilder().digits(9)),
            Arguments.of("timeStep", (Runnable) () -> tokenBuilder().timeStep(Duration.ZERO)),
            Arguments.of(
                "timeStep", (Runnable) () -> tokenBuilder().timeStep(Duration.ofMillis(30_500))),
            Arguments.of("t0", (Runnable) () -> tokenBuilder().t0(Instant.EPOCH.plusMillis(500))),
            Arguments.of("counter", (Runnable) () -> tokenBuilder().counter(-1)),
            Arguments.of("timeDrift", (Runnable) () -> tokenBuilder().timeDrift(10_001)),
            Arguments.of("algorithm", (Runnable) () -> tokenBuilder().algorithm("MD5")),
            Arguments.of(
                "serial", (Runnable) () -> HardwareToken.builder("", OathType.TOTP, SEED_20)),
            Arguments.of(
                "secret", (Runnable) () -> HardwareToken.builder("S", OathType.TOTP, new byte[9])));
    return Stream.concat(verifier, token);
  }

  static HardwareTokenVerifier.Builder verifierBuilder() {
    return HardwareTokenVerifier.builder(new InMemoryTokenStore());
  }

  static HardwareToken.Builder tokenBuilder() {
    return HardwareToken.builder("S", OathType.TOTP, SEED_20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badSetting_invalidInputNamingTheField(String field, Runnable setting) {
    assertThatThrownBy(setting::run)
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": ");
  }

  @Test
  void nullSettings_nameTheSetting() {
    Consumer<Runnable> npe =
        r -> assertThatThrownBy(r::run).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> verifierBuilder().totpResyncWindow(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("totpResyncWindow");
    assertThatThrownBy(() -> verifierBuilder().attemptLimiter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("attemptLimiter");
    npe.accept(() -> verifierBuilder().clock(null));
  }

  @Test
  void token_holdsItsOtpSettingsAsOneParameters() {
    HardwareToken t =
        HardwareToken.builder("P", OathType.TOTP, SEED_20)
            .algorithm(HmacAlgorithm.SHA512)
            .digits(8)
            .timeStep(Duration.ofSeconds(60))
            .t0(Instant.ofEpochSecond(100))
            .build();
    OtpParameters expected =
        new OtpParameters(
            HmacAlgorithm.SHA512, 8, Duration.ofSeconds(60), Instant.ofEpochSecond(100));
    assertThat(t.parameters()).isEqualTo(expected).isSameAs(t.parameters());
    assertThat(t.algorithm()).isEqualTo(HmacAlgorithm.SHA512);
    assertThat(t.digits()).isEqualTo(8);
    assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.t0()).isEqualTo(Instant.ofEpochSecond(100));
    assertThat(t.toBuilder().build().parameters()).isEqualTo(expected);
  }
}
