package dev.rootguard.benchmarks.totp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.warrenstrange.googleauth.GoogleAuthenticator;
import com.warrenstrange.googleauth.GoogleAuthenticatorConfig;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpVerifier;
import dev.rootguard.mfa.totp.internal.OtpKey;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * TOTP verification and generation: RootGuard vs samstevens totp 1.7.1, googleauth 1.5.0 and
 * java-otp 0.4.0 with identical inputs (HMAC-SHA-1, 6 digits, 30 s, window ±1, one fixed time and
 * secret), plus the raw cost of 3 HMAC-SHA-1 computations and the HMAC engines considered.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TotpBenchmark -f 1 -wi 3 -i 5 -w 1s -r
 * 1s -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TotpBenchmark {
  static final long NOW = 1_764_000_000L; // a fixed instant, 2025-11
  static final String SECRET_B32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // 20 bytes

  byte[] key;
  long step;
  String rightCode; // the code of the current step
  String wrongCode; // matches no step in the window
  int rightInt;
  int wrongInt;

  // RootGuard
  OtpSecret secret;
  TotpCredential credential;
  TotpVerifier verifier;
  TotpVerifier coldVerifier; // its clock jumps 100 steps per call: no cached window applies
  TotpVerifier nextStepVerifier; // its clock moves 1 step per call: the window slides by one
  OtpParameters params = OtpParameters.RFC6238_DEFAULT;
  Instant now = Instant.ofEpochSecond(NOW);

  // peers
  DefaultCodeVerifier samstevens;
  DefaultCodeGenerator samstevensGenerator;
  GoogleAuthenticator googleauth;
  TimeBasedOneTimePasswordGenerator javaOtp;
  SecretKeySpec jcaKey;

  // engines
  Mac rawMac;
  Mac prototypeMac;
  HMac bcHmac;
  OtpKey otpKey;
  MessageDigest innerPrimed; // SHA-1 that has absorbed K ^ ipad
  MessageDigest outerPrimed; // SHA-1 that has absorbed K ^ opad
  byte[] counterBytes = new byte[8];
  byte[] macOut = new byte[64];

  /** A clock that moves a fixed number of seconds forward each time it is read. */
  static final class JumpingClock extends Clock {
    private final long secondsPerRead;
    private long epochSecond = NOW;

    JumpingClock(long secondsPerRead) {
      this.secondsPerRead = secondsPerRead;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      epochSecond += secondsPerRead;
      return Instant.ofEpochSecond(epochSecond);
    }
  }

  /** A store that never records anything, so the same right code can be verified repeatedly. */
  static final class NoReplayStore implements OtpStateStore {
    @Override
    public OtpState load(CredentialId id) {
      return OtpState.NEVER_USED;
    }

    @Override
    public boolean compareAndSet(CredentialId id, OtpState expected, OtpState next) {
      return true;
    }
  }

  @Setup
  public void setUp() throws Exception {
    secret = OtpSecret.fromBase32(SECRET_B32);
    key = secret.revealBytes();
    step = params.stepAt(now);
    rightCode = Totp.codeAtStep(secret, params, step);
    int w = (Integer.parseInt(rightCode) + 500_000) % 1_000_000;
    while (matchesWindow(String.format("%06d", w))) {
      w = (w + 1) % 1_000_000;
    }
    wrongCode = String.format("%06d", w);
    rightInt = Integer.parseInt(rightCode);
    wrongInt = w;

    credential =
        TotpCredential.builder(CredentialId.of("bench"), Principal.of("bench"), secret).build();
    verifier =
        TotpVerifier.builder()
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .window(1)
            .stateStore(new NoReplayStore())
            .build();

    coldVerifier =
        TotpVerifier.builder()
            .clock(new JumpingClock(3000))
            .window(1)
            .stateStore(new NoReplayStore())
            .build();
    nextStepVerifier =
        TotpVerifier.builder()
            .clock(new JumpingClock(30))
            .window(1)
            .stateStore(new NoReplayStore())
            .build();

    samstevensGenerator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
    samstevens = new DefaultCodeVerifier(samstevensGenerator, () -> NOW);
    samstevens.setTimePeriod(30);
    samstevens.setAllowedTimePeriodDiscrepancy(1);

    googleauth =
        new GoogleAuthenticator(
            new GoogleAuthenticatorConfig.GoogleAuthenticatorConfigBuilder()
                .setCodeDigits(6)
                .setTimeStepSizeInMillis(30_000)
                .setWindowSize(3) // 3 steps: the current one and one on each side
                .build());

    javaOtp =
        new TimeBasedOneTimePasswordGenerator(
            Duration.ofSeconds(30), 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    jcaKey = new SecretKeySpec(key, "HmacSHA1");

    rawMac = Mac.getInstance("HmacSHA1");
    rawMac.init(jcaKey);
    prototypeMac = Mac.getInstance("HmacSHA1");
    prototypeMac.init(jcaKey);
    bcHmac = new HMac(new SHA1Digest());
    bcHmac.init(new KeyParameter(key));
    otpKey = OtpKey.of(HmacAlgorithm.SHA1, key);
    byte[] ipad = new byte[64];
    byte[] opad = new byte[64];
    for (int i = 0; i < 64; i++) {
      byte k = i < key.length ? key[i] : 0;
      ipad[i] = (byte) (k ^ 0x36);
      opad[i] = (byte) (k ^ 0x5c);
    }
    innerPrimed = MessageDigest.getInstance("SHA-1");
    innerPrimed.update(ipad);
    outerPrimed = MessageDigest.getInstance("SHA-1");
    outerPrimed.update(opad);

    sanityCheck();
  }

  private boolean matchesWindow(String code) {
    for (long s = step - 1; s <= step + 1; s++) {
      if (code.equals(Totp.codeAtStep(secret, params, s))) {
        return true;
      }
    }
    return false;
  }

  private void sanityCheck() throws Exception {
    check(ourVerifyRight().isAccepted() && !ourVerifyWrong().isAccepted(), "rootguard");
    check(samstevensVerifyRight() && !samstevensVerifyWrong(), "samstevens");
    check(googleauthVerifyRight() && !googleauthVerifyWrong(), "googleauth");
    check(javaOtpVerifyRight() && !javaOtpVerifyWrong(), "java-otp");
    check(rightCode.equals(samstevensGenerate()), "samstevens generate");
    check(rightInt == googleauthGenerate(), "googleauth generate");
    check(rightInt == javaOtpGenerate(), "java-otp generate");
    check(rightCode.equals(ourGenerate()), "rootguard generate");
    check(engineRootGuardX3() == enginePrimedDigestCloneX3(), "primed digest clone");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark inputs disagree: " + what);
    }
  }

  // ---- verification of a right and a wrong code, window ±1 ----

  @Benchmark
  public MfaResult ourVerifyRight() {
    return verifier.verify(credential, rightCode);
  }

  @Benchmark
  public MfaResult ourVerifyWrong() {
    return verifier.verify(credential, wrongCode);
  }

  /**
   * A wrong code, first attempt in its time step: the HMAC window must be computed (3 HMACs). The
   * other "our" benchmarks repeat attempts in one step, which reuse the cached window.
   */
  @Benchmark
  public MfaResult ourVerifyWrongCold() {
    return coldVerifier.verify(credential, wrongCode);
  }

  /**
   * A wrong code, first attempt in the time step after the previous attempt's: the window slid by
   * one step, so two values come from the cache and one HMAC is computed.
   */
  @Benchmark
  public MfaResult ourVerifyWrongNextStep() {
    return nextStepVerifier.verify(credential, wrongCode);
  }

  @Benchmark
  public boolean samstevensVerifyRight() {
    return samstevens.isValidCode(SECRET_B32, rightCode);
  }

  @Benchmark
  public boolean samstevensVerifyWrong() {
    return samstevens.isValidCode(SECRET_B32, wrongCode);
  }

  @Benchmark
  public boolean googleauthVerifyRight() {
    return googleauth.authorize(SECRET_B32, rightInt, NOW * 1000);
  }

  @Benchmark
  public boolean googleauthVerifyWrong() {
    return googleauth.authorize(SECRET_B32, wrongInt, NOW * 1000);
  }

  /** java-otp has no verifier: the loop a user writes (every step checked, no early exit). */
  private boolean javaOtpVerify(int code) throws Exception {
    boolean ok = false;
    for (int i = -1; i <= 1; i++) {
      ok |= javaOtp.generateOneTimePassword(jcaKey, now.plusSeconds(30L * i)) == code;
    }
    return ok;
  }

  @Benchmark
  public boolean javaOtpVerifyRight() throws Exception {
    return javaOtpVerify(rightInt);
  }

  @Benchmark
  public boolean javaOtpVerifyWrong() throws Exception {
    return javaOtpVerify(wrongInt);
  }

  // ---- single-code generation ----

  @Benchmark
  public String ourGenerate() {
    return Totp.code(secret, params, now);
  }

  @Benchmark
  public String samstevensGenerate() throws CodeGenerationException {
    return samstevensGenerator.generate(SECRET_B32, NOW / 30);
  }

  @Benchmark
  public int googleauthGenerate() {
    return googleauth.getTotpPassword(SECRET_B32, NOW * 1000);
  }

  @Benchmark
  public int javaOtpGenerate() throws Exception {
    return javaOtp.generateOneTimePassword(jcaKey, now);
  }

  // ---- HMAC engines: 3 HMAC-SHA-1 of an 8-byte counter (one window) ----

  private void counter(long c) {
    for (int i = 7; i >= 0; i--) {
      counterBytes[i] = (byte) c;
      c >>>= 8;
    }
  }

  /** The baseline: a JCA Mac kept initialized, 3 x update + doFinal into a reused buffer. */
  @Benchmark
  public byte rawJcaHmacSha1x3() throws ShortBufferException {
    byte acc = 0;
    for (int i = -1; i <= 1; i++) {
      counter(step + i);
      rawMac.update(counterBytes);
      rawMac.doFinal(macOut, 0);
      acc ^= macOut[19];
    }
    return acc;
  }

  /** JCA Mac cloned from a per-credential prototype (thread-safe use), 3 HMACs. */
  @Benchmark
  public byte engineJcaClonedX3() throws Exception {
    Mac mac = (Mac) prototypeMac.clone();
    byte acc = 0;
    for (int i = -1; i <= 1; i++) {
      counter(step + i);
      mac.update(counterBytes);
      mac.doFinal(macOut, 0);
      acc ^= macOut[19];
    }
    return acc;
  }

  /** Bouncy Castle HMac (it keeps precomputed ipad/opad states), 3 HMACs. */
  @Benchmark
  public byte engineBouncyCastleX3() {
    byte acc = 0;
    for (int i = -1; i <= 1; i++) {
      counter(step + i);
      bcHmac.update(counterBytes, 0, 8);
      bcHmac.doFinal(macOut, 0);
      acc ^= macOut[19];
    }
    return acc;
  }

  /** RootGuard's engine (JCA MessageDigest, padded key blocks prepared once), 3 HMACs. */
  @Benchmark
  public int engineRootGuardX3() {
    OtpKey.Scratch s = OtpKey.scratch();
    int acc = 0;
    for (int i = -1; i <= 1; i++) {
      acc ^= otpKey.truncated(step + i, s);
    }
    return acc;
  }

  /**
   * The only JCA route to 2 compressions per HMAC: SHA-1 digests that have absorbed {@code K ^
   * ipad} and {@code K ^ opad} once, cloned for every HMAC (the JCA cannot restore a state in
   * place, so each HMAC allocates two digest copies). Returns the same value as {@link
   * #engineRootGuardX3()}.
   */
  @Benchmark
  public int enginePrimedDigestCloneX3() throws Exception {
    int acc = 0;
    for (int i = -1; i <= 1; i++) {
      counter(step + i);
      MessageDigest inner = (MessageDigest) innerPrimed.clone();
      inner.update(counterBytes);
      inner.digest(macOut, 0, 20);
      MessageDigest outer = (MessageDigest) outerPrimed.clone();
      outer.update(macOut, 0, 20);
      outer.digest(macOut, 0, 20);
      int o = macOut[19] & 0xf;
      acc ^=
          (macOut[o] & 0x7f) << 24
              | (macOut[o + 1] & 0xff) << 16
              | (macOut[o + 2] & 0xff) << 8
              | (macOut[o + 3] & 0xff);
    }
    return acc;
  }
}
