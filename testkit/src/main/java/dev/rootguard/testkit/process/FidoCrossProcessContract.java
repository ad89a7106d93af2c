package dev.rootguard.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.RegistrationOutcome;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import dev.rootguard.testkit.process.CrossProcessChildren.Child;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * FIDO exactly-once across processes over one backend: a registration or sign-in ceremony started
 * in one JVM finishes in another, once; and one assertion submitted by {@value #JVMS} separate JVMs
 * ({@link CrossProcessMain}), {@value #THREADS} threads each, round after round ({@link
 * #rounds()}), is accepted exactly once per round, every other submission {@code REPLAYED}. Every
 * {@link SecurityKeyVerifier} keeps its pending ceremonies in {@link SharedStores#ceremonies()} and
 * its credentials in {@link SharedStores#securityKeys()}.
 *
 * <pre>{@code
 * class RedisFidoCrossProcessTest extends FidoCrossProcessContract {
 *   @Override protected Class<? extends SharedStoresFactory> factory() {
 *     return RedisSharedStoresFactory.class;
 *   }
 *   @Override protected List<String> factoryArguments() {
 *     return List.of(RedisServer.shared().uri());
 *   }
 * }
 * }</pre>
 *
 * <p>The test JVM is a third process on the same backend: it holds the software authenticator
 * (whose private keys never leave it), and in the races it starts each ceremony, so every
 * acceptance finishes a ceremony another JVM started.
 *
 * <p>Not thread-safe; JUnit makes one instance per class.
 *
 * @since 0.2.0
 */
public abstract class FidoCrossProcessContract extends CrossProcessContract {
  /** Creates the contract; for subclasses. */
  protected FidoCrossProcessContract() {}

  @Override
  final void enrollFixtures(SharedStores stores, String tag) {
    // each test registers its own key
  }

  /** Registers a key for the principal in this (the test) JVM, over the shared stores. */
  private static String register(
      SecurityKeyVerifier keys,
      SoftwareAuthenticator key,
      Principal p,
      Consumer<SoftwareAuthenticator.Overrides> overrides) {
    CeremonyRequest req = keys.startRegistration(p);
    RegistrationOutcome out =
        keys.finishRegistration(
            req.requestId(),
            key.register(req.optionsJson(), CrossProcessFixtures.ORIGIN, overrides));
    assertThat(out).isInstanceOf(RegistrationOutcome.Registered.class);
    return ((RegistrationOutcome.Registered) out).credential().id().value();
  }

  /**
   * A registration started in child A finishes in child B, and finishing it again in A is {@code
   * REPLAYED}; the credential is stored for the principal.
   *
   * @throws Exception if a child fails
   */
  @Test
  public void finishRegistration_startedInOtherJvm_registeredOnceThenReplayed() throws Exception {
    Principal p = CrossProcessFixtures.principal(tag(), "fido-registration");
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    CrossProcessChildren kids = children();
    String[] started = kids.get(0).ask("fido-start-registration " + p.id()).split(" ", 3);
    assertThat(started[0]).isEqualTo("fido-started");
    String created = key.register(started[2], CrossProcessFixtures.ORIGIN);
    String credential = key.credentialIds().get(0);

    String inB = kids.get(1).ask("fido-finish-registration " + started[1] + " " + created);
    String againInA = kids.get(0).ask("fido-finish-registration " + started[1] + " " + created);

    assertThat(inB).isEqualTo("fido-registered " + credential);
    assertThat(againInA).isEqualTo("fido-rejected " + Reason.REPLAYED);
    assertThat(stores().securityKeys().find(CredentialId.of(credential)).map(c -> c.principal()))
        .contains(p);
  }

  /**
   * A sign-in started in child B finishes in child A, and finishing it again in B is {@code
   * REPLAYED}; the stored counter is the accepted assertion's.
   *
   * @throws Exception if a child fails
   */
  @Test
  public void finishAuthentication_startedInOtherJvm_acceptedOnceThenReplayed() throws Exception {
    Principal p = CrossProcessFixtures.principal(tag(), "fido-handover");
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    CrossProcessChildren kids = children();
    String credential = register(CrossProcessFixtures.securityKeys(stores()), key, p, o -> {});
    String[] started = kids.get(1).ask("fido-start-authentication " + p.id()).split(" ", 3);
    assertThat(started[0]).isEqualTo("fido-started");
    String assertion = key.authenticate(started[2], CrossProcessFixtures.ORIGIN);

    String inA = kids.get(0).ask("fido-finish-authentication " + started[1] + " " + assertion);
    String againInB = kids.get(1).ask("fido-finish-authentication " + started[1] + " " + assertion);

    assertThat(inA).isEqualTo("fido-accepted " + credential);
    assertThat(againInB).isEqualTo("fido-rejected " + Reason.REPLAYED);
    assertThat(
            stores()
                .securityKeys()
                .find(CredentialId.of(credential))
                .orElseThrow()
                .signatureCount())
        .as("the stored counter is the one the accepted assertion carried")
        .isEqualTo(key.signCount(credential));
  }

  /** What {@link #fidoRace} saw. */
  private static final class RaceOutcome {
    private final List<Integer> perJvmWins;
    private final List<String> badRounds;
    private final long millis;

    RaceOutcome(List<Integer> perJvmWins, List<String> badRounds, long millis) {
      this.perJvmWins = perJvmWins;
      this.badRounds = badRounds;
      this.millis = millis;
    }

    List<Integer> perJvmWins() {
      return perJvmWins;
    }

    List<String> badRounds() {
      return badRounds;
    }

    long millis() {
      return millis;
    }
  }

  /**
   * Runs {@link #rounds()} rounds: each round this JVM starts one sign-in ceremony and signs it
   * once (bent by {@code overrides}); both children submit that one assertion from 16 threads each,
   * released together, through {@code via} ({@code "authenticator"} or {@code "verifier"}, see
   * {@link CrossProcessMain}). Rounds without exactly one acceptance and 31 {@code REPLAYED} are
   * returned.
   */
  private RaceOutcome fidoRace(
      String via,
      SecurityKeyVerifier keys,
      SoftwareAuthenticator key,
      Principal p,
      String credential,
      Consumer<SoftwareAuthenticator.Overrides> overrides)
      throws Exception {
    int rounds = checkedRounds();
    CrossProcessChildren kids = children();
    int[] perJvmWins = new int[JVMS];
    List<String> bad = new ArrayList<>();
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      CeremonyRequest req = keys.startAuthentication(p);
      String assertion =
          key.authenticate(req.optionsJson(), CrossProcessFixtures.ORIGIN, overrides);
      for (Child c : kids.all()) {
        c.send(
            "fido-race "
                + via
                + " "
                + p.id()
                + " "
                + credential
                + " "
                + req.requestId()
                + " "
                + assertion);
      }
      for (Child c : kids.all()) {
        assertThat(c.answer()).isEqualTo("fido-armed");
      }
      for (Child c : kids.all()) {
        c.send("go");
      }
      int accepted = 0;
      int replayed = 0;
      List<String> lines = new ArrayList<>();
      for (int j = 0; j < JVMS; j++) {
        String line = kids.get(j).answer();
        lines.add(line);
        Map<String, Integer> m = CrossProcessChildren.counts(line);
        accepted += m.get("accepted");
        replayed += m.get("replayed");
        perJvmWins[j] += m.get("accepted");
      }
      if (accepted != 1 || replayed != JVMS * THREADS - 1) {
        bad.add("round " + round + ": " + lines);
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return new RaceOutcome(Arrays.stream(perJvmWins).boxed().toList(), List.copyOf(bad), millis);
  }

  private void report(String what, RaceOutcome r) {
    System.out.println(
        getClass().getSimpleName()
            + " cross-process FIDO ("
            + what
            + "): "
            + rounds()
            + " rounds x "
            + JVMS
            + " JVMs x "
            + THREADS
            + " threads, one assertion per round, in "
            + r.millis()
            + " ms; wins per JVM "
            + r.perJvmWins());
  }

  /**
   * Exactly one of the 32 submissions of a round is accepted. Every other one must be {@code
   * REPLAYED}: the ceremony take is the verifier's first store operation and is atomic, so the
   * losers read the ceremony as used and stop there. They never reach the signature counter, so
   * {@code POSSIBLE_CLONE} would mean a second submission got past the take (a take that is not
   * single-use shows up exactly so); the ceremony was put a moment ago with a 5-minute lifetime by
   * the clock all three JVMs share, so {@code REQUEST_EXPIRED} would mean the take misread its
   * record; and the limiter's budget (100) is never reached, since a round holds at most 32
   * reservations plus the 31 replays of the round before it, so {@code LOCKED_OUT} would mean the
   * shared limiter miscounted.
   *
   * @throws Exception if a child fails
   */
  @Test
  public void authenticate_sameAssertionFromTwoJvms_exactlyOneAcceptancePerRoundRestReplayed()
      throws Exception {
    Principal p = CrossProcessFixtures.principal(tag(), "fido-race");
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyVerifier keys = CrossProcessFixtures.securityKeys(stores());
    String credential = register(keys, key, p, o -> {});

    RaceOutcome r = fidoRace("authenticator", keys, key, p, credential, o -> {});
    report("counting key, through MfaAuthenticator", r);

    assertThat(r.badRounds())
        .as("rounds without exactly one acceptance and the rest REPLAYED")
        .isEmpty();
    assertThat(r.perJvmWins().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(checkedRounds());
    assertThat(
            stores()
                .securityKeys()
                .find(CredentialId.of(credential))
                .orElseThrow()
                .signatureCount())
        .as("every round advanced the stored counter once, to the assertion's")
        .isEqualTo(key.signCount(credential));
  }

  /**
   * As above with a key that keeps no signature counter (it always reports 0, as many passkeys do),
   * so the counter's compare-and-set cannot stop a second acceptance: single use rests on the
   * ceremony take alone. The threads call the verifier directly, without the attempt limiter, so
   * nothing but the ceremony store stands between the 32 submissions.
   *
   * @throws Exception if a child fails
   */
  @Test
  public void authenticate_counterlessKeyFromTwoJvms_exactlyOneAcceptancePerRoundRestReplayed()
      throws Exception {
    Principal p = CrossProcessFixtures.principal(tag(), "fido-race-counterless");
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyVerifier keys = CrossProcessFixtures.securityKeys(stores());
    String credential = register(keys, key, p, o -> o.signCount(0));

    RaceOutcome r = fidoRace("verifier", keys, key, p, credential, o -> o.signCount(0));
    report("counterless key, straight to the verifier", r);

    assertThat(r.badRounds())
        .as("rounds without exactly one acceptance and the rest REPLAYED")
        .isEmpty();
    assertThat(r.perJvmWins().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(checkedRounds());
    assertThat(
            stores()
                .securityKeys()
                .find(CredentialId.of(credential))
                .orElseThrow()
                .signatureCount())
        .isZero();
  }
}
