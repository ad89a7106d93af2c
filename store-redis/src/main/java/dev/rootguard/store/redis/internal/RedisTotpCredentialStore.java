package dev.rootguard.store.redis.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.seal.SecretSealer;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TotpCredentialStore} over the registry: one hash per credential ({@code {r}:totp:<id>}:
 * owner, sealed secret, parameters, enrolled step and drift), a set of ids per owner and one of all
 * ids. The secret is sealed for {@code "totp:<credential id>"}. {@code find} also reads the
 * credential's OTP state (single server) and hands it to the state store. When this thread's
 * attempt reservation read the credential already, {@code find} answers from that without a round
 * trip. Thread-safe.
 */
public final class RedisTotpCredentialStore implements TotpCredentialStore {
  private final Redis redis;
  private final SecretSealer sealer;
  private final RedisOtpStateStore states;
  private final Clock clock;
  private final Duration recoveryWindow;

  /**
   * Creates the store.
   *
   * @param redis the runner
   * @param sealer seals the secrets
   * @param states the state store that {@code find} hands states to
   * @param clock the clock
   * @param recoveryWindow the recovery window
   */
  public RedisTotpCredentialStore(
      Redis redis,
      SecretSealer sealer,
      RedisOtpStateStore states,
      Clock clock,
      Duration recoveryWindow) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.states = Objects.requireNonNull(states, "states");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.recoveryWindow = Objects.requireNonNull(recoveryWindow, "recoveryWindow");
  }

  static String context(CredentialId id) {
    return "totp:" + id.value();
  }

  /** One credential as read, its secret still sealed; state null when not read. */
  record Row(
      Principal owner,
      String sealed,
      OtpParameters parameters,
      long enrolledStep,
      int enrolledDrift,
      OtpState state) {
    /** Reads owner, sealed, alg, digits, period, t0, es, ed and state (or null). */
    static Row of(String[] f) {
      OtpParameters p =
          new OtpParameters(
              HmacAlgorithm.valueOf(f[2]),
              Integer.parseInt(f[3]),
              Duration.ofSeconds(Long.parseLong(f[4])),
              Instant.ofEpochSecond(Long.parseLong(f[5])));
      return new Row(
          Principal.of(f[0]),
          f[1],
          p,
          Long.parseLong(f[6]),
          Integer.parseInt(f[7]),
          f[8] == null ? null : Codec.state(f[8]));
    }

    @Override
    public String toString() {
      return "Row[" + owner + "]";
    }
  }

  @Override
  public boolean add(TotpCredential credential) {
    Objects.requireNonNull(credential, "credential");
    byte[] raw = credential.secret().revealBytes();
    String sealed;
    try {
      sealed = sealer.seal(raw, context(credential.id()));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    OtpParameters p = credential.parameters();
    String id = credential.id().value();
    String c = redis.registry("totp:" + id);
    Long r =
        redis.eval(
            "totp_credentials.add",
            Lua.TOTP_ADD,
            ScriptOutputType.INTEGER,
            new String[] {
              redis.markerFor(c),
              c,
              redis.registry("totp-owner:" + credential.owner().id()),
              redis.registry("totps")
            },
            id,
            credential.owner().id(),
            sealed,
            p.algorithm().name(),
            Integer.toString(p.digits()),
            Long.toString(p.periodSeconds()),
            Long.toString(p.t0().getEpochSecond()),
            Long.toString(credential.enrolledStep()),
            Integer.toString(credential.enrolledDrift()));
    return r == 1L;
  }

  @Override
  public Optional<TotpCredential> find(CredentialId id) {
    Objects.requireNonNull(id, "id");
    AttemptContext ctx = AttemptContext.current();
    if (ctx != null) {
      Row r = ctx.handed.remove(id);
      if (r != null) {
        if (r.owner().equals(ctx.principal)) {
          ctx.owned.add(id);
        }
        return Optional.of(build(id, r));
      }
    }
    String c = redis.registry("totp:" + id.value());
    String[] keys =
        redis.cluster()
            ? new String[] {redis.markerFor(c), c}
            : new String[] {redis.markerFor(c), c, redis.otpState(id.value())};
    List<Object> f =
        redis.eval(
            "totp_credentials.find",
            Lua.TOTP_FIND,
            ScriptOutputType.MULTI,
            keys,
            Long.toString(Codec.millis(clock.instant())),
            Long.toString(recoveryWindow.toMillis()));
    if (f.isEmpty()) {
      return Optional.empty();
    }
    String[] s = new String[9];
    for (int i = 0; i < 9 && i < f.size(); i++) {
      s[i] = (String) f.get(i);
    }
    return Optional.of(build(id, Row.of(s)));
  }

  private TotpCredential build(CredentialId id, Row r) {
    byte[] raw = sealer.open(r.sealed(), context(id));
    try {
      TotpCredential cred =
          TotpCredential.builder(id, r.owner(), OtpSecret.fromBytes(raw))
              .parameters(r.parameters())
              .enrolledStep(r.enrolledStep())
              .enrolledDrift(r.enrolledDrift())
              .build();
      states.prefetched(id, r.state(), r.parameters());
      return cred;
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public List<CredentialId> findByOwner(Principal owner) {
    Objects.requireNonNull(owner, "owner");
    String k = redis.registry("totp-owner:" + owner.id());
    List<Object> ids =
        redis.eval(
            "totp_credentials.findByOwner",
            Lua.SMEMBERS,
            ScriptOutputType.MULTI,
            new String[] {redis.markerFor(k), k});
    List<String> sorted = new ArrayList<>();
    for (Object o : ids) {
      sorted.add((String) o);
    }
    sorted.sort(null);
    List<CredentialId> out = new ArrayList<>(sorted.size());
    for (String s : sorted) {
      out.add(CredentialId.of(s));
    }
    return List.copyOf(out);
  }

  @Override
  public boolean remove(CredentialId id) {
    Objects.requireNonNull(id, "id");
    AttemptContext ctx = AttemptContext.current();
    if (ctx != null) {
      ctx.handed.remove(id);
    }
    String c = redis.registry("totp:" + id.value());
    Long r =
        redis.eval(
            "totp_credentials.remove",
            Lua.TOTP_REMOVE,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(c), c, redis.registry("totps")},
            id.value(),
            redis.registryPrefix() + "totp-owner:");
    return r == 1L;
  }

  @Override
  public String toString() {
    return "RedisTotpCredentialStore";
  }
}
