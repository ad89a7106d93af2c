package dev.rootguard.mfa.hardware;

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
import dev.rootguard.seal.SealingException;
import dev.rootguard.testing.CapturedStderr;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stored token or key that cannot be used (a seed shorter than the minimum left by a legacy file
 * or a hand-edited row, a seed that does not open, a destroyed object) makes the verifiers fail
 * closed with {@link Reason#VERIFIER_ERROR} and a WARN line naming the serial, never throw (issue
 * 11 §3.1). Only a {@link StoreException} is thrown on, for the authenticator to report.
 */
class UnusableStoredTokenTest {
  static final Principal ROOT = Principal.of("root");
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

  /**
   * A test store over {@link InMemoryTokenStore} whose reads of chosen serials or public ids do
   * what a broken backend does: throw what rebuilding the record throws, or hand back a destroyed
   * object.
   */
  static final class BrokenReads implements TokenStore, YubicoKeyStore {
    final InMemoryTokenStore inner = new InMemoryTokenStore();
    final Map<String, Supplier<Optional<HardwareToken>>> tokens = new ConcurrentHashMap<>();
    final Map<String, Supplier<Optional<YubicoKey>>> keys = new ConcurrentHashMap<>();

    @Override
    public void add(HardwareToken token) {
      inner.add(token);
    }

    @Override
    public void addAll(java.util.Collection<HardwareToken> all) {
      inner.addAll(all);
    }

    @Override
    public Optional<HardwareToken> token(String serial) {
      Supplier<Optional<HardwareToken>> broken = tokens.get(serial);
      return broken != null ? broken.get() : inner.token(serial);
    }

    @Override
    public Optional<TokenState> state(String serial) {
      return inner.state(serial);
    }

    @Override
    public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
      return inner.compareAndSet(serial, expected, updated);
    }

    @Override
    public boolean remove(String serial) {
      return inner.remove(serial);
    }

    @Override
    public List<String> serials() {
      return inner.serials();
    }

    @Override
    public void addYubicoKey(YubicoKey key) {
      inner.addYubicoKey(key);
    }

    @Override
    public Optional<YubicoKey> yubicoKey(String publicId) {
      Supplier<Optional<YubicoKey>> broken = keys.get(publicId);
      return broken != null ? broken.get() : inner.yubicoKey(publicId);
    }

    @Override
    public Optional<TokenState> yubicoKeyState(String publicId) {
      return inner.yubicoKeyState(publicId);
    }

    @Override
    public boolean compareAndSetYubicoKey(
        String publicId, TokenState expected, TokenState updated) {
      return inner.compareAndSetYubicoKey(publicId, expected, updated);
    }

    @Override
    public boolean removeYubicoKey(String publicId) {
      return inner.removeYubicoKey(publicId);
    }

    @Override
    public List<String> yubicoPublicIds() {
      return inner.yubicoPublicIds();
    }
  }

  MutableClock clock;
  BrokenReads store;
  HardwareTokenVerifier verifier;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    store = new BrokenReads();
    store.add(HardwareToken.builder("LEGACY-4", OathType.HOTP, SEED).build());
    store.assign("LEGACY-4", ROOT);
    // What a store throws when a row holds RFC 6030 figure 2's 4-byte seed "1234".
    store.tokens.put(
        "LEGACY-4",
        () -> Optional.of(HardwareToken.builder("LEGACY-4", OathType.HOTP, bytes("1234")).build()));
    verifier = HardwareTokenVerifier.builder(store).clock(clock).build();
  }

  static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  MfaResult verify(String serial, String code) {
    return verifier.verify(MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of(serial), code));
  }

  static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("expected a rejection: %s", r).isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  @Test
  void verify_storedSeedShorterThanMinimum_verifierErrorAndWarnNamingSerial() {
    try (CapturedStderr err = CapturedStderr.start()) {
      assertThat(reason(verify("LEGACY-4", "110366"))).isEqualTo(Reason.VERIFIER_ERROR);
      assertThat(err.text())
          .contains("WARN")
          .contains("LEGACY-4")
          .contains("VERIFIER_ERROR")
          .doesNotContain("31323334")
          .doesNotContain("MTIzNA")
          .doesNotContain("GEZDGNA");
    }
  }

  @Test
  void resync_storedSeedShorterThanMinimum_verifierErrorCountedByTheLimiter() {
    InMemoryAttemptLimiter limiter =
        InMemoryAttemptLimiter.builder().clock(clock).maxConsecutiveFailures(2).build();
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store).clock(clock).attemptLimiter(limiter).build();
    assertThat(reason(v.resync(ROOT, "LEGACY-4", "110366", "062271")))
        .isEqualTo(Reason.VERIFIER_ERROR);
    assertThat(reason(v.resync(ROOT, "LEGACY-4", "110366", "062271")))
        .isEqualTo(Reason.VERIFIER_ERROR);
    assertThat(reason(v.resync(ROOT, "LEGACY-4", "110366", "062271"))).isEqualTo(Reason.LOCKED_OUT);
  }

  @Test
  void verify_seedThatDoesNotOpen_verifierError() {
    store.tokens.put(
        "LEGACY-4",
        () -> {
          throw new SealingException("lk-1", "the envelope of token:LEGACY-4 does not open", null);
        });
    assertThat(reason(verify("LEGACY-4", "123456"))).isEqualTo(Reason.VERIFIER_ERROR);
  }

  @Test
  void verify_destroyedToken_verifierError() {
    HardwareToken destroyed = HardwareToken.builder("LEGACY-4", OathType.HOTP, SEED).build();
    destroyed.destroy();
    store.tokens.put("LEGACY-4", () -> Optional.of(destroyed));
    assertThat(reason(verify("LEGACY-4", "755224"))).isEqualTo(Reason.VERIFIER_ERROR);
  }

  @Test
  void verify_storeUnreachable_storeExceptionThrownOn_authenticatorSaysStoreUnavailable() {
    store.tokens.put(
        "LEGACY-4",
        () -> {
          throw new StoreException("tokens.token", "connection refused", null);
        });
    assertThatThrownBy(() -> verify("LEGACY-4", "123456")).isInstanceOf(StoreException.class);
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(verifier).clock(clock).build();
    MfaResult r =
        mfa.authenticate(
            MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of("LEGACY-4"), "123456"));
    assertThat(reason(r)).isEqualTo(Reason.STORE_UNAVAILABLE);
  }

  @Test
  void verify_otherTokensOfTheSameStore_stillVerify() {
    store.add(HardwareToken.builder("GOOD", OathType.HOTP, SEED).build());
    store.assign("GOOD", ROOT);
    assertThat(reason(verify("LEGACY-4", "755224"))).isEqualTo(Reason.VERIFIER_ERROR);
    // RFC 4226 appendix D, counter 0.
    assertThat(verify("GOOD", "755224").isAccepted()).isTrue();
  }

  /**
   * A legacy plain file ({@code rootguard-tokens/1}) holding a 4-byte seed: the JSON store reads
   * strictly, so opening it names the JSON path and the length (never the seed). The store, not the
   * verifier, decides this; recorded here so a change to it is a visible decision.
   */
  @Test
  void jsonFileV1_seedBelowMinimum_openRefusedNamingPathAndLength(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String legacy =
        JsonFileTokenStoreTest.LEGACY.replace("MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=", "MTIzNA==");
    java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("t.json"), legacy);
    assertThatThrownBy(() -> JsonFileTokenStore.open(f, JsonFileTokenStoreTest.sealer("lk-a", 1)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("tokens[0].secret");
              assertThat(e.getMessage()).contains("was 4 bytes").doesNotContain("MTIzNA");
            });
  }

  @Test
  void yubico_keyThatDoesNotOpen_verifierErrorAndWarnNamingPublicId() {
    YubicoKey key =
        YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    store.addYubicoKey(key, ROOT);
    String otp = YubicoOtps.otp(key, 5, 0x123456, 3, 0xbeef);
    store.keys.put(
        "vvcccccbhlnc",
        () -> {
          throw new InvalidInputException("aesKey", "must be 16 bytes, was 4");
        });
    YubicoOtpVerifier yubico = YubicoOtpVerifier.builder(store).clock(clock).build();
    try (CapturedStderr err = CapturedStderr.start()) {
      MfaResult r =
          yubico.verify(MfaAttempt.builder(ROOT, Factor.YUBICO_OTP).response(otp).build());
      assertThat(reason(r)).isEqualTo(Reason.VERIFIER_ERROR);
      assertThat(err.text())
          .contains("WARN")
          .contains("vvcccccbhlnc")
          .doesNotContain("ecde18dbe76fbd0c33330f1c354871db")
          .doesNotContain("8792ebfe26cc");
    }
  }

  @Test
  void yubico_destroyedKey_verifierErrorNotException() {
    YubicoKey key =
        YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    store.addYubicoKey(key, ROOT);
    String otp = YubicoOtps.otp(key, 5, 0x123456, 3, 0xbeef);
    YubicoKey destroyed =
        YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    destroyed.destroy();
    store.keys.put("vvcccccbhlnc", () -> Optional.of(destroyed));
    YubicoOtpVerifier yubico = YubicoOtpVerifier.builder(store).clock(clock).build();
    MfaResult r = yubico.verify(MfaAttempt.builder(ROOT, Factor.YUBICO_OTP).response(otp).build());
    assertThat(reason(r)).isEqualTo(Reason.VERIFIER_ERROR);
  }
}
