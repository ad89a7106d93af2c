package dev.rootguard.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.testkit.process.CrossProcessChildren.Child;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across processes for one-time codes: {@value #JVMS} separate JVMs ({@link
 * CrossProcessMain}), {@value #THREADS} threads each, submit the same TOTP code, the same HOTP code
 * and the same Yubico OTP through {@code MfaAuthenticator} over one backend, round after round
 * ({@link #rounds()}), and exactly one submission of each is accepted per round, every other one
 * {@code REPLAYED}; then wrong codes from both JVMs count toward one lockout, reached after exactly
 * {@code LockoutPolicy.DEFAULT.maxConsecutiveFailures()} guesses in all.
 *
 * <pre>{@code
 * class RedisCrossProcessTest extends OtpCrossProcessContract {
 *   @Override protected Class<? extends SharedStoresFactory> factory() {
 *     return RedisSharedStoresFactory.class;
 *   }
 *   @Override protected List<String> factoryArguments() {
 *     return List.of(RedisServer.shared().uri());
 *   }
 * }
 * }</pre>
 *
 * <p>Enrollment (one TOTP app, one HOTP fob and one Yubico key per factor's principal) goes through
 * the store SPIs in the test JVM ({@link CrossProcessFixtures#enroll}). FIDO across JVMs is {@link
 * FidoCrossProcessContract}.
 *
 * <p>Not thread-safe; JUnit makes one instance per class.
 *
 * @since 0.2.0
 */
public abstract class OtpCrossProcessContract extends CrossProcessContract {
  private static final List<String> FACTORS = List.of("totp", "hotp", "yubico", "lockout");

  /** Creates the contract; for subclasses. */
  protected OtpCrossProcessContract() {}

  @Override
  void enrollFixtures(SharedStores stores, String tag) {
    for (String factor : FACTORS) {
      CrossProcessFixtures.enroll(
          stores,
          CrossProcessFixtures.principal(tag, factor),
          CrossProcessFixtures.tag(tag, factor));
    }
  }

  /**
   * Each round, both JVMs submit one TOTP, one HOTP and one Yubico OTP code from 16 threads each:
   * exactly one acceptance per factor, nothing but {@code REPLAYED} otherwise; then both JVMs guess
   * wrong from 16 threads each until locked out, and the shared limiter checks exactly the policy's
   * number of guesses in all.
   *
   * @throws Exception if a child fails
   */
  @Test
  public void authenticate_sameCodesFromTwoJvms_exactlyOneAcceptancePerRoundAndOneSharedLockout()
      throws Exception {
    int rounds = checkedRounds();
    List<Child> kids = children().all();
    int[] perJvmWins = new int[JVMS];
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (Child c : kids) {
        c.send("round " + round);
      }
      int totp = 0;
      int hotp = 0;
      int yubico = 0;
      for (int j = 0; j < JVMS; j++) {
        Map<String, Integer> m = CrossProcessChildren.counts(kids.get(j).answer());
        assertThat(m.get("other")).as("unexpected reasons in JVM %d", j).isZero();
        totp += m.get("totp");
        hotp += m.get("hotp");
        yubico += m.get("yubico");
        perJvmWins[j] += m.get("totp") + m.get("hotp") + m.get("yubico");
      }
      assertThat(totp).as("TOTP acceptances in round %d", round).isEqualTo(1);
      assertThat(hotp).as("HOTP acceptances in round %d", round).isEqualTo(1);
      assertThat(yubico).as("Yubico OTP acceptances in round %d", round).isEqualTo(1);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    for (Child c : kids) {
      c.send("lockout");
    }
    int wrong = 0;
    List<String> lockoutLines = new ArrayList<>();
    for (Child c : kids) {
      String line = c.answer();
      lockoutLines.add(line);
      Map<String, Integer> m = CrossProcessChildren.counts(line);
      assertThat(m.get("other")).isZero();
      assertThat(m.get("locked")).isEqualTo(THREADS);
      wrong += m.get("wrong");
    }
    System.out.println(
        getClass().getSimpleName()
            + " cross-process: "
            + rounds
            + " rounds x 3 factors x "
            + JVMS
            + " JVMs x "
            + THREADS
            + " threads in "
            + millis
            + " ms; wins per JVM "
            + Arrays.toString(perJvmWins)
            + "; lockout "
            + lockoutLines);
    assertThat(wrong)
        .as("guesses checked across both JVMs before the shared lockout")
        .isEqualTo(LockoutPolicy.DEFAULT.maxConsecutiveFailures());
  }
}
