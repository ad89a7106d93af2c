package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.seal.SecretSealer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link TotpCredentialStore}: the credential is the {@code sk = CRED} item of {@code pk =
 * TOTP#<credential>} (its secret sealed for {@code "totp:<credential>"}), next to its {@code STATE}
 * item, so {@code find} reads both with one {@code Query} and hands the state to {@link
 * DdbOtpStateStore}. The owner's list is an index item {@code pk = PRINCIPAL#<owner>, sk =
 * TOTP#<credential>}.
 *
 * <p>No transaction joins the two items (dynalite, the test server, has none, and none is needed):
 * {@code add} writes the index item first, then the credential on condition that it is absent;
 * {@code remove} deletes the credential first, then the index item. A crash in between leaves an
 * index item without a credential of that owner, which {@code findByOwner} skips: it confirms every
 * listed id against the credential items (one consistent {@code BatchGetItem}). Thread-safe.
 */
public final class DdbTotpCredentialStore implements TotpCredentialStore {
  private final Ddb ddb;
  private final SecretSealer sealer;
  private final DdbOtpStateStore states;
  private final OwnerIndex index;

  /**
   * Creates the store.
   *
   * @param ddb the table
   * @param sealer seals the secrets
   * @param states the state store that {@code find} hands each credential's state to
   */
  public DdbTotpCredentialStore(Ddb ddb, SecretSealer sealer, DdbOtpStateStore states) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.states = Objects.requireNonNull(states, "states");
    this.index = new OwnerIndex(ddb, "TOTP#", "CRED", "owner");
  }

  static String pk(CredentialId id) {
    return "TOTP#" + id.value();
  }

  static String context(CredentialId id) {
    return "totp:" + id.value();
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
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Ddb.PK, Ddb.s(pk(credential.id())));
    item.put(Ddb.SK, Ddb.s("CRED"));
    item.put("owner", Ddb.s(credential.owner().id()));
    item.put("secret", Ddb.s(sealed));
    item.put("algorithm", Ddb.s(p.algorithm().name()));
    item.put("digits", Ddb.n(p.digits()));
    item.put("periodS", Ddb.n(p.periodSeconds()));
    item.put("t0S", Ddb.n(p.t0().getEpochSecond()));
    item.put("enrolledStep", Ddb.n(credential.enrolledStep()));
    item.put("enrolledDrift", Ddb.n(credential.enrolledDrift()));
    return ddb.run(
        "totp_credentials.add", () -> index.add(credential.id().value(), credential.owner(), item));
  }

  @Override
  public Optional<TotpCredential> find(CredentialId id) {
    Objects.requireNonNull(id, "id");
    return ddb.run(
        "totp_credentials.find",
        () -> {
          QueryResponse r =
              ddb.client()
                  .query(
                      QueryRequest.builder()
                          .tableName(ddb.table())
                          .keyConditionExpression("#pk = :pk")
                          .expressionAttributeNames(Ddb.names("#pk"))
                          .expressionAttributeValues(Map.of(":pk", Ddb.s(pk(id))))
                          .consistentRead(true)
                          .build());
          Map<String, AttributeValue> cred = null;
          Map<String, AttributeValue> state = null;
          for (Map<String, AttributeValue> item : r.items()) {
            String sk = Ddb.str(item, Ddb.SK);
            if ("CRED".equals(sk)) {
              cred = item;
            } else if ("STATE".equals(sk)) {
              state = item;
            }
          }
          if (cred == null) {
            return Optional.<TotpCredential>empty();
          }
          TotpCredential c = build(id, cred);
          OtpState s = DdbOtpStateStore.read(state);
          states.prefetched(id, s);
          return Optional.of(c);
        });
  }

  private TotpCredential build(CredentialId id, Map<String, AttributeValue> item) {
    byte[] raw = sealer.open(Ddb.str(item, "secret"), context(id));
    try {
      OtpParameters p =
          new OtpParameters(
              HmacAlgorithm.valueOf(Ddb.str(item, "algorithm")),
              (int) Ddb.num(item, "digits"),
              Duration.ofSeconds(Ddb.num(item, "periodS")),
              Instant.ofEpochSecond(Ddb.num(item, "t0S")));
      return TotpCredential.builder(
              id, Principal.of(Ddb.str(item, "owner")), OtpSecret.fromBytes(raw))
          .parameters(p)
          .enrolledStep(Ddb.num(item, "enrolledStep"))
          .enrolledDrift((int) Ddb.num(item, "enrolledDrift"))
          .build();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public List<CredentialId> findByOwner(Principal owner) {
    Objects.requireNonNull(owner, "owner");
    return ddb.run(
        "totp_credentials.findByOwner",
        () -> {
          List<CredentialId> out = new ArrayList<>();
          for (Map<String, AttributeValue> item : index.listed(owner, "#pk, #owner")) {
            out.add(CredentialId.of(index.id(item)));
          }
          out.sort(java.util.Comparator.comparing(CredentialId::value));
          return List.copyOf(out);
        });
  }

  @Override
  public boolean remove(CredentialId id) {
    Objects.requireNonNull(id, "id");
    return ddb.run("totp_credentials.remove", () -> index.remove(id.value()));
  }

  @Override
  public String toString() {
    return "DdbTotpCredentialStore";
  }
}
