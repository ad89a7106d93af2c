package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.InMemoryAttemptLimiter;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.Hotp;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The builder's documented bounds, exactly at the edges, and the attempt limiter around {@link
 * HardwareTokenVerifier#resync}: a success clears the failure count, a failure adds one, and a
 * store failure (thrown on) still settles the attempt as a failure.
 */
class HardwareTokenVerifierBoundsTest {
  static final Principal ROOT = Principal.of("root");
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final InMemoryTokenStore store = new InMemoryTokenStore();

  HardwareTokenVerifier.Builder builder() {
    return HardwareTokenVerifier.builder(store).clock(clock);
  }

  // ---- builder bounds (Javadoc: window 0..10, look-ahead 0..100, TOTP resync (0, 1 h],
  // HOTP resync 1..100,000) ----

  @Test
  void window_zeroAndTen_accepted_minusOneAndEleven_refusedNamingIt() {
    assertThat(builder().window(0).build().toString()).contains("window=0");
    assertThat(builder().window(HardwareTokenVerifier.MAX_WINDOW).build().toString())
        .contains("window=10");
    assertThat(HardwareTokenVerifier.MAX_WINDOW).isEqualTo(10);
    for (int bad : new int[] {-1, 11}) {
      assertThatThrownBy(() -> builder().window(bad))
          .isInstanceOf(dev.rootguard.InvalidInputException.class)
          .hasMessageContaining("window")
          .hasMessageContaining(String.valueOf(bad));
    }
  }

  @Test
  void hotpLookAhead_zeroAndHundred_accepted_minusOneAnd101_refusedNamingIt() {
    assertThat(builder().hotpLookAhead(0).hotpLookAhead(100).build()).isNotNull();
    for (int bad : new int[] {-1, 101}) {
      assertThatThrownBy(() -> builder().hotpLookAhead(bad))
          .isInstanceOf(dev.rootguard.InvalidInputException.class)
          .hasMessageContaining("hotpLookAhead")
          .hasMessageContaining(String.valueOf(bad));
    }
  }

  @Test
  void totpResyncWindow_oneNanoAndOneHour_accepted_zeroNegativeAndPastAnHour_refused() {
    assertThat(HardwareTokenVerifier.MAX_TOTP_RESYNC).isEqualTo(Duration.ofHours(1));
    assertThat(builder().totpResyncWindow(Duration.ofHours(1)).build().toString())
        .contains("totpResync=PT1H");
    assertThat(builder().totpResyncWindow(Duration.ofNanos(1)).build().toString())
        .contains("totpResync=PT0.000000001S");
    for (Duration bad :
        List.of(
            Duration.ZERO,
            Duration.ofNanos(-1),
            Duration.ofHours(-2),
            Duration.ofHours(1).plusNanos(1))) {
      assertThatThrownBy(() -> builder().totpResyncWindow(bad))
          .as("%s", bad)
          .isInstanceOf(dev.rootguard.InvalidInputException.class)
          .hasMessageContaining("totpResyncWindow")
          .hasMessageContaining(bad.toString());
    }
  }

  @Test
  void hotpResyncWindow_oneAndMax_accepted_zeroAndMaxPlusOne_refused() {
    assertThat(HardwareTokenVerifier.MAX_HOTP_RESYNC).isEqualTo(100_000);
    assertThat(builder().hotpResyncWindow(1).build().toString()).contains("hotpResync=1]");
    assertThat(builder().hotpResyncWindow(100_000).build().toString())
        .contains("hotpResync=100000]");
    for (int bad : new int[] {0, -1, 100_001}) {
      assertThatThrownBy(() -> builder().hotpResyncWindow(bad))
          .isInstanceOf(dev.rootguard.InvalidInputException.class)
          .hasMessageContaining("hotpResyncWindow")
          .hasMessageContaining(String.valueOf(bad));
    }
  }

  @Test
  void defaults_shownByToString_noSecret() {
    store.add(HardwareToken.builder("T1", OathType.TOTP, SEED).build());
    String s = builder().build().toString();
    assertThat(s).contains("window=1").contains("totpResync=PT10M").contains("hotpResync=1000");
    SecretForms.assertHides(s, SEED);
  }

  @Test
  void hotpResyncWindow_searchesExactlyThatFar() {
    store.add(HardwareToken.builder("H1", OathType.HOTP, SEED).counter(0).build());
    store.assign("H1", ROOT);
    HardwareTokenVerifier v = builder().hotpResyncWindow(50).build();
    // The next expected counter is 0; 50 counters past it is the last one searched.
    assertThat(v.resync(ROOT, "H1", hotp(51), hotp(52)).isAccepted()).isFalse();
    assertThat(v.resync(ROOT, "H1", hotp(50), hotp(51)).isAccepted()).isTrue();
  }

  static String hotp(long counter) {
    return Hotp.code(OtpSecret.fromBytes(SEED), HmacAlgorithm.SHA1, 6, counter);
  }

  // ---- resync and the attempt limiter ----

  String totp(int offsetSteps) {
    return Totp.code(
        OtpSecret.fromBytes(SEED),
        HardwareToken.builder("X", OathType.TOTP, SEED).build().parameters(),
        clock.instant().plusSeconds(30L * offsetSteps));
  }

  @Test
  void resync_failureCounted_successClearsTheCount() {
    store.add(HardwareToken.builder("T1", OathType.TOTP, SEED).build());
    store.assign("T1", ROOT);
    InMemoryAttemptLimiter limiter =
        InMemoryAttemptLimiter.builder().clock(clock).maxConsecutiveFailures(5).build();
    HardwareTokenVerifier v = builder().attemptLimiter(limiter).build();
    String wrong = totp(3).equals("000000") ? "000001" : "000000";
    assertThat(v.resync(ROOT, "T1", wrong, wrong).isAccepted()).isFalse();
    assertThat(limiter.consecutiveFailures(ROOT)).isEqualTo(1);
    assertThat(v.resync(ROOT, "T1", wrong, wrong).isAccepted()).isFalse();
    assertThat(limiter.consecutiveFailures(ROOT)).isEqualTo(2);
    assertThat(v.resync(ROOT, "T1", totp(3), totp(4)).isAccepted()).isTrue();
    assertThat(limiter.consecutiveFailures(ROOT)).isZero();
  }

  @Test
  void resync_storeUnavailable_thrownOn_andCountedAsFailure() {
    InMemoryAttemptLimiter limiter =
        InMemoryAttemptLimiter.builder().clock(clock).maxConsecutiveFailures(2).build();
    TokenStore down = new FailingStore();
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(down).clock(clock).attemptLimiter(limiter).build();
    assertThatThrownBy(() -> v.resync(ROOT, "T1", "123456", "654321"))
        .isInstanceOf(StoreException.class);
    assertThat(limiter.consecutiveFailures(ROOT)).isEqualTo(1);
    assertThatThrownBy(() -> v.resync(ROOT, "T1", "123456", "654321"))
        .isInstanceOf(StoreException.class);
    // two failures with a limit of 2: locked out, the store is not even asked
    MfaResult r = v.resync(ROOT, "T1", "123456", "654321");
    assertThat(((MfaResult.Rejected) r).reason()).isEqualTo(Reason.LOCKED_OUT);
  }

  // ---- losing the compare-and-set race ----

  @Test
  void tokenRemovedWhileVerifying_unknownCredential() {
    RacingStore s = new RacingStore(d -> d.remove("T1"));
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(s).clock(clock).build();
    assertThat(reason(verify(v, totp(0)))).isEqualTo(Reason.UNKNOWN_CREDENTIAL);
  }

  @Test
  void tokenDisabledWhileVerifying_disabled() {
    RacingStore s = new RacingStore(d -> d.setDisabled("T1", true));
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(s).clock(clock).build();
    assertThat(reason(verify(v, totp(0)))).isEqualTo(Reason.CREDENTIAL_DISABLED);
  }

  @Test
  void otherChangeWhileVerifying_retried_accepted() {
    RacingStore s = new RacingStore(d -> d.assign("T1", ROOT));
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(s).clock(clock).build();
    assertThat(verify(v, totp(0)).isAccepted()).isTrue();
  }

  MfaResult verify(HardwareTokenVerifier v, String code) {
    return v.verify(MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of("T1"), code));
  }

  static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("expected a rejection: %s", r).isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  /** A store that is down: every read throws {@link StoreException}. */
  static final class FailingStore implements TokenStore {
    static StoreException down() {
      return new StoreException("read", "store is down", null);
    }

    @Override
    public void add(HardwareToken token) {
      throw down();
    }

    @Override
    public void addAll(Collection<HardwareToken> tokens) {
      throw down();
    }

    @Override
    public Optional<HardwareToken> token(String serial) {
      throw down();
    }

    @Override
    public Optional<TokenState> state(String serial) {
      throw down();
    }

    @Override
    public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
      throw down();
    }

    @Override
    public boolean remove(String serial) {
      throw down();
    }

    @Override
    public List<String> serials() {
      throw down();
    }
  }

  /**
   * A store holding T1 (TOTP, owned by root) where another writer changes the token (with {@code
   * meanwhile}) just before the verifier's first compare-and-set, so that one loses the race.
   */
  static final class RacingStore implements TokenStore {
    final InMemoryTokenStore d = new InMemoryTokenStore();
    final java.util.function.Consumer<InMemoryTokenStore> meanwhile;
    boolean raced;

    RacingStore(java.util.function.Consumer<InMemoryTokenStore> meanwhile) {
      this.meanwhile = meanwhile;
      d.add(HardwareToken.builder("T1", OathType.TOTP, SEED).build());
      d.assign("T1", ROOT);
    }

    @Override
    public void add(HardwareToken token) {
      d.add(token);
    }

    @Override
    public void addAll(Collection<HardwareToken> tokens) {
      d.addAll(tokens);
    }

    @Override
    public Optional<HardwareToken> token(String serial) {
      return d.token(serial);
    }

    @Override
    public Optional<TokenState> state(String serial) {
      return d.state(serial);
    }

    @Override
    public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
      if (!raced) {
        raced = true;
        meanwhile.accept(d);
      }
      return d.compareAndSet(serial, expected, updated);
    }

    @Override
    public boolean remove(String serial) {
      return d.remove(serial);
    }

    @Override
    public List<String> serials() {
      return d.serials();
    }
  }
}
