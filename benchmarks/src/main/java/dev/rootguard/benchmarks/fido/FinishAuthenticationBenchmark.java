package dev.rootguard.benchmarks.fido;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.RegistrationOutcome;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code finishAuthentication} from JSON: RootGuard's {@code SecurityKeyVerifier} against
 * java-webauthn-server used as its documentation shows (parse the JSON, {@code finishAssertion}),
 * the same with Bouncy Castle registered as the first JCA provider (in that benchmark's own forked
 * JVM only), and webauthn4j. Each iteration verifies a batch of {@value #BATCH} fresh ES256
 * assertions from the same software authenticator key, each over its own challenge (RootGuard's
 * requests are single-use, so assertions cannot be reused); issuing the challenges and signing
 * happen in per-iteration setup and are not measured. The score is milliseconds per batch.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 10, batchSize = FinishAuthenticationBenchmark.BATCH)
@Measurement(iterations = 5, batchSize = FinishAuthenticationBenchmark.BATCH)
public class FinishAuthenticationBenchmark {
  static final String RP_ID = "example.com";
  static final String ORIGIN = "https://example.com";
  static final Principal ALICE = Principal.of("alice");

  /** Assertions verified per iteration (JMH batch size); each one is fresh and used once. */
  static final int BATCH = 2000;

  /** One key registered with every relying party. */
  @State(Scope.Benchmark)
  public static class Parties {
    SoftwareAuthenticator key;
    SecurityKeyVerifier rootguard;
    RelyingParty yubico;
    WebAuthnManager webauthn4j;
    CredentialRecordImpl webauthn4jCredential;
    byte[] credentialId;
    byte[] webauthn4jCredentialId;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      key = SoftwareAuthenticator.packed();
      rootguard = SecurityKeyVerifier.builder(RP_ID, "Bench").origins(Set.of(ORIGIN)).build();
      CeremonyRequest reg = rootguard.startRegistration(ALICE);
      RegistrationOutcome out =
          rootguard.finishRegistration(reg.requestId(), key.register(reg.optionsJson(), ORIGIN));
      SecurityKeyCredential c = ((RegistrationOutcome.Registered) out).credential();
      Base64.Decoder d = Base64.getUrlDecoder();
      credentialId = d.decode(c.id().value());
      RegisteredCredential registered =
          RegisteredCredential.builder()
              .credentialId(new ByteArray(credentialId))
              .userHandle(new ByteArray(d.decode(c.userHandle())))
              .publicKeyCose(new ByteArray(d.decode(c.publicKey())))
              .signatureCount(0)
              .build();
      yubico =
          RelyingParty.builder()
              .identity(RelyingPartyIdentity.builder().id(RP_ID).name("Bench").build())
              .credentialRepository(new OneCredential(registered))
              .origins(Set.of(ORIGIN))
              .build();

      webauthn4j = WebAuthnManager.createNonStrictWebAuthnManager();
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      String creation =
          "{\"rp\":{\"id\":\"example.com\",\"name\":\"Bench\"},\"user\":{\"id\":\"AAEC\",\"name\":\"w\",\"displayName\":\"w\"},"
              + "\"challenge\":\""
              + b64(challenge)
              + "\",\"pubKeyCredParams\":[{\"type\":\"public-key\",\"alg\":-7}]}";
      String created = key.register(creation, ORIGIN);
      RegistrationData rd = webauthn4j.parseRegistrationResponseJSON(created);
      webauthn4j.verify(
          rd,
          new RegistrationParameters(
              new ServerProperty(new Origin(ORIGIN), RP_ID, new DefaultChallenge(challenge)),
              false));
      webauthn4jCredentialId =
          rd.getAttestationObject()
              .getAuthenticatorData()
              .getAttestedCredentialData()
              .getCredentialId();
      webauthn4jCredential =
          new CredentialRecordImpl(
              rd.getAttestationObject(),
              rd.getCollectedClientData(),
              rd.getClientExtensions(),
              rd.getTransports());
    }
  }

  /** Registers Bouncy Castle as the first provider: used only by its own benchmark's fork. */
  @State(Scope.Benchmark)
  public static class BouncyCastleFirst {
    @Setup(Level.Trial)
    public void register() {
      Security.insertProviderAt(new BouncyCastleProvider(), 1);
    }
  }

  /** Fresh RootGuard requests and their assertions, one per call of the batch. */
  @State(Scope.Thread)
  public static class RootGuardInput {
    final String[] requestIds = new String[BATCH];
    final String[] json = new String[BATCH];
    int next;

    @Setup(Level.Iteration)
    public void fill(Parties p) {
      for (int i = 0; i < BATCH; i++) {
        CeremonyRequest r = p.rootguard.startAuthentication(ALICE);
        requestIds[i] = r.requestId();
        json[i] = p.key.authenticate(r.optionsJson(), ORIGIN);
      }
      next = 0;
    }
  }

  /** Fresh java-webauthn-server requests and their assertions, one per call of the batch. */
  @State(Scope.Thread)
  public static class YubicoInput {
    final AssertionRequest[] requests = new AssertionRequest[BATCH];
    final String[] json = new String[BATCH];
    int next;

    @Setup(Level.Iteration)
    public void fill(Parties p) throws Exception {
      for (int i = 0; i < BATCH; i++) {
        requests[i] =
            p.yubico.startAssertion(StartAssertionOptions.builder().username("alice").build());
        json[i] = p.key.authenticate(requests[i].toCredentialsGetJson(), ORIGIN);
      }
      next = 0;
    }
  }

  /** Fresh webauthn4j challenges and their assertions, one per call of the batch. */
  @State(Scope.Thread)
  public static class Webauthn4jInput {
    final ServerProperty[] servers = new ServerProperty[BATCH];
    final String[] json = new String[BATCH];
    private final SecureRandom random = new SecureRandom();
    int next;

    @Setup(Level.Iteration)
    public void fill(Parties p) {
      for (int i = 0; i < BATCH; i++) {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        servers[i] = new ServerProperty(new Origin(ORIGIN), RP_ID, new DefaultChallenge(challenge));
        json[i] =
            p.key.authenticate(
                "{\"challenge\":\""
                    + b64(challenge)
                    + "\",\"rpId\":\"example.com\",\"allowCredentials\":"
                    + "[{\"type\":\"public-key\",\"id\":\""
                    + b64(p.webauthn4jCredentialId)
                    + "\"}]}",
                ORIGIN);
      }
      next = 0;
    }
  }

  @Benchmark
  public MfaResult rootguard(Parties p, RootGuardInput in) {
    int i = in.next++;
    MfaResult r = p.rootguard.finishAuthentication(in.requestIds[i], in.json[i]);
    if (!r.isAccepted()) {
      throw new IllegalStateException("rejected: " + r);
    }
    return r;
  }

  @Benchmark
  public AssertionResult javaWebauthnServer(Parties p, YubicoInput in) throws Exception {
    int i = in.next++;
    AssertionResult r =
        p.yubico.finishAssertion(
            FinishAssertionOptions.builder()
                .request(in.requests[i])
                .response(PublicKeyCredential.parseAssertionResponseJson(in.json[i]))
                .build());
    if (!r.isSuccess()) {
      throw new IllegalStateException("rejected");
    }
    return r;
  }

  @Benchmark
  public AssertionResult javaWebauthnServerBouncyCastleFirst(
      BouncyCastleFirst bc, Parties p, YubicoInput in) throws Exception {
    return javaWebauthnServer(p, in);
  }

  @Benchmark
  public AuthenticationData webauthn4j(Parties p, Webauthn4jInput in) {
    int i = in.next++;
    AuthenticationData d =
        p.webauthn4j.verifyAuthenticationResponseJSON(
            in.json[i],
            new AuthenticationParameters(in.servers[i], p.webauthn4jCredential, null, false));
    p.webauthn4jCredential.setCounter(d.getAuthenticatorData().getSignCount());
    return d;
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The documented shape of a CredentialRepository, for one credential. */
  static final class OneCredential implements CredentialRepository {
    private final RegisteredCredential c;

    OneCredential(RegisteredCredential c) {
      this.c = c;
    }

    @Override
    public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
      return Set.of(PublicKeyCredentialDescriptor.builder().id(c.getCredentialId()).build());
    }

    @Override
    public Optional<ByteArray> getUserHandleForUsername(String username) {
      return Optional.of(c.getUserHandle());
    }

    @Override
    public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
      return Optional.of("alice");
    }

    @Override
    public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
      return Optional.of(c);
    }

    @Override
    public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
      return Set.of(c);
    }
  }
}
