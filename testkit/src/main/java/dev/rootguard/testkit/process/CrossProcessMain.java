package dev.rootguard.testkit.process;

import static dev.rootguard.testkit.process.CrossProcessFixtures.principal;
import static dev.rootguard.testkit.process.CrossProcessFixtures.roundInstant;
import static dev.rootguard.testkit.process.CrossProcessFixtures.tag;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.RegistrationOutcome;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.Race;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The main class of each child JVM of a {@link CrossProcessContract} (started by {@link
 * CrossProcessChildren}). It opens its stores with a {@link SharedStoresFactory}, then reads
 * commands on stdin and answers one line per command on stdout:
 *
 * <pre>
 * round N  -> "round N totp=A hotp=B yubico=C other=D"  (16 threads per factor, the same code)
 * lockout  -> "lockout wrong=W locked=L other=D"         (16 threads of wrong codes until locked)
 * fido-start-registration P     -> "fido-started ID OPTIONS"      (a pending ceremony in the store)
 * fido-finish-registration ID R -> "fido-registered CRED" | "fido-rejected REASON"
 * fido-start-authentication P   -> "fido-started ID OPTIONS"
 * fido-finish-authentication ID A -> "fido-accepted CRED" | "fido-rejected REASON"
 * fido-race VIA P CRED ID A -> "fido-armed" (16 threads wait), then on the next line "go" from
 *                          the test: "fido-race accepted=N replayed=R other=O reasons={REASON:n,...}";
 *                          VIA is "authenticator" (MfaAuthenticator with the shared limiter) or
 *                          "verifier" (SecurityKeyVerifier.verify alone)
 * exit     -> exits 0
 * </pre>
 *
 * <p>FIDO goes through a {@link SecurityKeyVerifier} whose ceremony store and credential store are
 * the shared ones, so a ceremony started in one JVM can be finished in another; the race submits
 * one assertion through {@link MfaAuthenticator} with the shared attempt limiter, or straight to
 * the verifier. The {@code fido-armed}/{@code go} handshake releases the threads of both JVMs
 * within the time it takes the test to write two lines, so they really race each other.
 *
 * <p>Arguments: {@code <factory class> <tag> <threads> [factory argument...]}; secrets come from
 * the environment (see {@link SharedStoresFactory}), never from the command line. Stores see a
 * {@link MutableClock} set to {@link CrossProcessFixtures#roundInstant(int)} for each round.
 *
 * <p>Not for use in a JVM that does anything else: it reads stdin and calls {@code System.exit}.
 *
 * @since 0.2.0
 */
public final class CrossProcessMain {
  private CrossProcessMain() {}

  /**
   * Runs the child: see the class comment for the arguments and commands.
   *
   * @param args {@code <factory class> <tag> <threads> [factory argument...]}
   * @throws Exception if the stores cannot be opened or a command fails; the test reads the child's
   *     stderr log when its answer is missing
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: CrossProcessMain <factory class> <tag> <threads> [factory argument...]");
    }
    SharedStoresFactory factory = newFactory(args[0]);
    String tag = args[1];
    int threads = Integer.parseInt(args[2]);
    List<String> factoryArgs = List.of(args).subList(3, args.length);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    MutableClock clock = new MutableClock(roundInstant(0));
    try (SharedStores stores = factory.open(factoryArgs, System.getenv(), clock, threads)) {
      MfaAuthenticator mfa = CrossProcessFixtures.authenticator(stores, clock);
      SecurityKeyVerifier keys = CrossProcessFixtures.securityKeys(stores);
      MfaAuthenticator fidoMfa = CrossProcessFixtures.fidoAuthenticator(stores, keys, clock);
      ExecutorService racers = Executors.newFixedThreadPool(threads);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      out.println("ready " + ProcessHandle.current().pid());
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("round ")) {
          int round = Integer.parseInt(line.substring(6).trim());
          clock.set(roundInstant(round));
          out.println(round(mfa, clock, tag, round, threads));
        } else if (line.equals("lockout")) {
          clock.set(roundInstant(100_000));
          out.println(lockout(mfa, clock, tag, threads));
        } else if (line.startsWith("fido-race ")) {
          out.println(fidoRace(fidoMfa, keys, line, racers, threads, in, out));
        } else if (line.startsWith("fido-")) {
          out.println(fido(keys, line));
        } else if (line.equals("exit")) {
          break;
        }
      }
      racers.shutdownNow();
    }
    System.exit(0);
  }

  /** Instantiates the factory by class name with its public no-argument constructor. */
  static SharedStoresFactory newFactory(String className) throws ReflectiveOperationException {
    Class<?> c = Class.forName(className);
    if (!SharedStoresFactory.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException(
          className + " does not implement " + SharedStoresFactory.class.getName());
    }
    return (SharedStoresFactory) c.getConstructor().newInstance();
  }

  private static String round(
      MfaAuthenticator mfa, MutableClock clock, String tag, int round, int threads)
      throws Exception {
    int[] other = new int[1];
    int totp =
        accepted(
            mfa,
            threads,
            () ->
                CrossProcessFixtures.totpAttempt(
                    principal(tag, "totp"), tag(tag, "totp"), clock.instant()),
            other);
    int hotp =
        accepted(
            mfa,
            threads,
            () -> CrossProcessFixtures.hotpAttempt(principal(tag, "hotp"), tag(tag, "hotp"), round),
            other);
    int yubico =
        accepted(
            mfa,
            threads,
            () ->
                CrossProcessFixtures.yubicoAttempt(
                    principal(tag, "yubico"), tag(tag, "yubico"), round + 1),
            other);
    return "round "
        + round
        + " totp="
        + totp
        + " hotp="
        + hotp
        + " yubico="
        + yubico
        + " other="
        + other[0];
  }

  private static String lockout(MfaAuthenticator mfa, MutableClock clock, String tag, int threads)
      throws Exception {
    Principal p = principal(tag, "lockout");
    MfaAttempt right = CrossProcessFixtures.totpAttempt(p, tag(tag, "lockout"), clock.instant());
    String code = right.response();
    String wrongCode = (code.charAt(0) == '0' ? "1" : "0") + code.substring(1);
    MfaAttempt wrong =
        MfaAttempt.of(p, Factor.TOTP_APP, right.credential().orElseThrow(), wrongCode);
    List<int[]> counts =
        Race.collect(
            threads,
            i -> {
              int[] c = new int[3]; // wrong, locked, other
              while (true) {
                MfaResult r = mfa.authenticate(wrong);
                Reason reason = ((MfaResult.Rejected) r).reason();
                if (reason == Reason.WRONG_CODE) {
                  c[0]++;
                } else if (reason == Reason.LOCKED_OUT) {
                  c[1]++;
                  return c;
                } else {
                  c[2]++;
                  System.err.println("unexpected: " + r);
                  return c;
                }
              }
            });
    int w = 0;
    int l = 0;
    int o = 0;
    for (int[] c : counts) {
      w += c[0];
      l += c[1];
      o += c[2];
    }
    return "lockout wrong=" + w + " locked=" + l + " other=" + o;
  }

  /** Starts or finishes one FIDO ceremony in this JVM. */
  private static String fido(SecurityKeyVerifier keys, String line) {
    String[] w = line.split(" ", 3);
    switch (w[0]) {
      case "fido-start-registration":
        return started(keys.startRegistration(Principal.of(w[1])));
      case "fido-start-authentication":
        return started(keys.startAuthentication(Principal.of(w[1])));
      case "fido-finish-registration":
        RegistrationOutcome o = keys.finishRegistration(w[1], w[2]);
        if (o instanceof RegistrationOutcome.Registered r) {
          return "fido-registered " + r.credential().id().value();
        }
        return "fido-rejected " + ((RegistrationOutcome.Rejected) o).reason();
      case "fido-finish-authentication":
        MfaResult m = keys.finishAuthentication(w[1], w[2]);
        if (m instanceof MfaResult.Accepted a) {
          return "fido-accepted " + a.credential().value();
        }
        return "fido-rejected " + ((MfaResult.Rejected) m).reason();
      default:
        throw new IllegalArgumentException("unknown command " + w[0]);
    }
  }

  private static String started(CeremonyRequest r) {
    return "fido-started " + r.requestId() + " " + r.optionsJson();
  }

  /**
   * Submits one assertion from every racer thread at once, after the test says {@code go}, and
   * counts the verdicts.
   */
  private static String fidoRace(
      MfaAuthenticator mfa,
      SecurityKeyVerifier keys,
      String line,
      ExecutorService racers,
      int threads,
      BufferedReader in,
      PrintStream out)
      throws Exception {
    String[] w = line.split(" ", 6);
    boolean viaAuthenticator;
    if (w[1].equals("authenticator")) {
      viaAuthenticator = true;
    } else if (w[1].equals("verifier")) {
      viaAuthenticator = false;
    } else {
      throw new IllegalArgumentException("fido-race: via must be authenticator or verifier");
    }
    MfaAttempt attempt =
        MfaAttempt.builder(Principal.of(w[2]), Factor.SECURITY_KEY)
            .credential(CredentialId.of(w[3]))
            .requestId(w[4])
            .response(w[5])
            .build();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<MfaResult>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(
          racers.submit(
              () -> {
                ready.countDown();
                go.await();
                return viaAuthenticator ? mfa.authenticate(attempt) : keys.verify(attempt);
              }));
    }
    ready.await();
    out.println("fido-armed");
    String signal = in.readLine();
    go.countDown();
    if (!"go".equals(signal)) {
      throw new IllegalStateException("expected go, got " + signal);
    }
    int accepted = 0;
    int replayed = 0;
    int other = 0;
    TreeMap<String, Integer> reasons = new TreeMap<>();
    for (Future<MfaResult> f : futures) {
      MfaResult r = f.get();
      if (r.isAccepted()) {
        accepted++;
        continue;
      }
      Reason reason = ((MfaResult.Rejected) r).reason();
      reasons.merge(reason.name(), 1, Integer::sum);
      if (reason == Reason.REPLAYED) {
        replayed++;
      } else {
        other++;
        System.err.println("unexpected: " + r);
      }
    }
    return "fido-race accepted="
        + accepted
        + " replayed="
        + replayed
        + " other="
        + other
        + " reasons="
        + reasons.toString().replace('=', ':').replace(" ", "");
  }

  private static int accepted(
      MfaAuthenticator mfa, int threads, Supplier<MfaAttempt> attempt, int[] other)
      throws Exception {
    MfaAttempt a = attempt.get();
    List<MfaResult> results = Race.collect(threads, i -> mfa.authenticate(a));
    int n = 0;
    for (MfaResult r : results) {
      if (r.isAccepted()) {
        n++;
      } else if (((MfaResult.Rejected) r).reason() != Reason.REPLAYED) {
        synchronized (other) {
          other[0]++;
        }
        System.err.println("unexpected: " + r);
      }
    }
    return n;
  }
}
