package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link SecurityKeyStore}: a credential is the item {@code pk = FIDO#<credential>, sk = K} (public
 * keys only, nothing sealed), listed for its owner by the index item {@code pk = PRINCIPAL#<p>, sk
 * = FIDO#<credential>}; a user handle is two items, {@code PRINCIPAL#<p> / HANDLE} and {@code
 * HANDLE#<handle> / H}.
 *
 * <p>The signature counter moves by {@code UpdateItem} conditioned on the expected count. A user
 * handle is claimed first ({@code HANDLE#<h>}, on condition it is absent, so no two principals
 * share one), then bound to the principal ({@code PRINCIPAL#<p> / HANDLE}, on condition it is
 * absent, so a principal gets exactly one); the loser of a race gives its claim back and returns
 * the winner's handle. Index items are written before and deleted after the credential, and {@code
 * findByPrincipal} confirms each against the credential item, so a crash between the two writes
 * leaves nothing visible. Thread-safe.
 */
public final class DdbSecurityKeyStore implements SecurityKeyStore {
  private static final int HANDLE_TRIES = 5;

  private final Ddb ddb;
  private final OwnerIndex index;

  /**
   * Creates the store.
   *
   * @param ddb the table
   */
  public DdbSecurityKeyStore(Ddb ddb) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
    this.index = new OwnerIndex(ddb, "FIDO#", "K", "principal");
  }

  static String pk(CredentialId id) {
    return "FIDO#" + id.value();
  }

  @Override
  public boolean add(SecurityKeyCredential k) {
    Objects.requireNonNull(k, "credential");
    for (String t : k.transports()) {
      if (t.isEmpty()) {
        throw new InvalidInputException("transports", "must be non-empty names");
      }
    }
    long registered = Ddb.nanos("registeredAt", k.registeredAt());
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Ddb.PK, Ddb.s(pk(k.id())));
    item.put(Ddb.SK, Ddb.s("K"));
    item.put("principal", Ddb.s(k.principal().id()));
    item.put("userHandle", Ddb.s(k.userHandle()));
    item.put("publicKey", Ddb.s(k.publicKey()));
    item.put("signatureCount", Ddb.n(k.signatureCount()));
    item.put("aaguid", Ddb.s(k.aaguid().toString()));
    if (!k.authenticatorName().isEmpty()) {
      item.put("authenticatorName", Ddb.s(k.authenticatorName()));
    }
    if (!k.attestationFormat().isEmpty()) {
      item.put("attestationFormat", Ddb.s(k.attestationFormat()));
    }
    item.put("attestationTrusted", Ddb.bool(k.attestationTrusted()));
    item.put("backupEligible", Ddb.bool(k.backupEligible()));
    item.put("backedUp", Ddb.bool(k.backedUp()));
    item.put("hardware", Ddb.bool(k.hardware()));
    item.put("transports", Ddb.list(new ArrayList<>(new TreeSet<>(k.transports()))));
    item.put("legacyU2f", Ddb.bool(k.legacyU2f()));
    item.put("registeredAt", Ddb.n(registered));
    return ddb.run("security_keys.add", () -> index.add(k.id().value(), k.principal(), item));
  }

  @Override
  public Optional<SecurityKeyCredential> find(CredentialId id) {
    Objects.requireNonNull(id, "id");
    return ddb.run(
        "security_keys.find",
        () -> {
          Map<String, AttributeValue> item = ddb.get(pk(id), "K");
          return item == null ? Optional.<SecurityKeyCredential>empty() : Optional.of(read(item));
        });
  }

  @Override
  public List<SecurityKeyCredential> findByPrincipal(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return ddb.run(
        "security_keys.findByPrincipal",
        () -> {
          List<SecurityKeyCredential> out = new ArrayList<>();
          for (Map<String, AttributeValue> item : index.listed(principal, null)) {
            out.add(read(item));
          }
          out.sort(
              Comparator.comparing(SecurityKeyCredential::registeredAt)
                  .thenComparing(c -> c.id().value()));
          return List.copyOf(out);
        });
  }

  private static SecurityKeyCredential read(Map<String, AttributeValue> item) {
    Set<String> transports = new HashSet<>();
    AttributeValue t = item.get("transports");
    if (t != null && t.hasL()) {
      t.l().forEach(v -> transports.add(v.s()));
    }
    String name = Ddb.str(item, "authenticatorName");
    String format = Ddb.str(item, "attestationFormat");
    return new SecurityKeyCredential(
        Principal.of(Ddb.str(item, "principal")),
        CredentialId.of(Ddb.str(item, Ddb.PK).substring("FIDO#".length())),
        Ddb.str(item, "userHandle"),
        Ddb.str(item, "publicKey"),
        Ddb.num(item, "signatureCount"),
        UUID.fromString(Ddb.str(item, "aaguid")),
        name == null ? "" : name,
        format == null ? "" : format,
        Ddb.bool(item, "attestationTrusted"),
        Ddb.bool(item, "backupEligible"),
        Ddb.bool(item, "backedUp"),
        Ddb.bool(item, "hardware"),
        transports,
        Ddb.bool(item, "legacyU2f"),
        Ddb.instant(Ddb.num(item, "registeredAt")));
  }

  @Override
  public String userHandle(Principal principal, Supplier<String> ifAbsent) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(ifAbsent, "ifAbsent");
    String ownerPk = OwnerIndex.ownerPk(principal);
    return ddb.run(
        "security_keys.userHandle",
        () -> {
          Map<String, AttributeValue> have = ddb.get(ownerPk, "HANDLE");
          if (have != null) {
            return Ddb.str(have, "handle");
          }
          for (int i = 0; i < HANDLE_TRIES; i++) {
            String fresh = Objects.requireNonNull(ifAbsent.get(), "ifAbsent.get()");
            // 1. claim the handle for this principal: no two principals share one
            Ddb.Cas claim =
                ddb.putIfVersion(
                    Map.of(
                        Ddb.PK,
                        Ddb.s("HANDLE#" + fresh),
                        Ddb.SK,
                        Ddb.s("H"),
                        "principal",
                        Ddb.s(principal.id())),
                    null);
            if (!claim.written()
                && (claim.current() == null
                    || !principal.id().equals(Ddb.str(claim.current(), "principal")))) {
              continue; // another principal's handle (or one just given back): draw again
            }
            // (a claim of our own is one an earlier, interrupted call left: go on and bind it)
            // 2. bind it to the principal: exactly one handle per principal
            Ddb.Cas bind =
                ddb.putIfVersion(
                    Map.of(Ddb.PK, Ddb.s(ownerPk), Ddb.SK, Ddb.s("HANDLE"), "handle", Ddb.s(fresh)),
                    null);
            if (bind.written()) {
              return fresh;
            }
            String won = Ddb.str(bind.current(), "handle"); // bindings are never deleted
            if (!won.equals(fresh)) {
              giveBack(fresh, principal);
            }
            return won;
          }
          throw new IllegalStateException(
              "ifAbsent returned handles of other principals " + HANDLE_TRIES + " times");
        });
  }

  private void giveBack(String handle, Principal principal) {
    try {
      ddb.client()
          .deleteItem(
              DeleteItemRequest.builder()
                  .tableName(ddb.table())
                  .key(Ddb.key("HANDLE#" + handle, "H"))
                  .conditionExpression("#principal = :p")
                  .expressionAttributeNames(Ddb.names("#principal"))
                  .expressionAttributeValues(Map.of(":p", Ddb.s(principal.id())))
                  .build());
    } catch (ConditionalCheckFailedException notOurs) {
      // already gone
    }
  }

  @Override
  public Optional<Principal> findPrincipalByUserHandle(String userHandle) {
    Objects.requireNonNull(userHandle, "userHandle");
    return ddb.run(
        "security_keys.findPrincipalByUserHandle",
        () -> {
          Map<String, AttributeValue> claim = ddb.get("HANDLE#" + userHandle, "H");
          if (claim == null) {
            return Optional.<Principal>empty();
          }
          Principal p = Principal.of(Ddb.str(claim, "principal"));
          // A claim left by a crashed or lost userHandle call was never handed out: confirm it.
          Map<String, AttributeValue> bound = ddb.get(OwnerIndex.ownerPk(p), "HANDLE");
          return bound != null && userHandle.equals(Ddb.str(bound, "handle"))
              ? Optional.of(p)
              : Optional.<Principal>empty();
        });
  }

  @Override
  public boolean updateSignatureCount(CredentialId id, long expected, long next) {
    Objects.requireNonNull(id, "id");
    if (next < 0 || next > 0xffffffffL) {
      throw new InvalidInputException("signatureCount", "must be 0..2^32-1, was " + next);
    }
    String set = "SET #signatureCount = :next";
    String condition = "#signatureCount = :expected";
    return ddb.run(
        "security_keys.updateSignatureCount",
        () -> {
          try {
            ddb.client()
                .updateItem(
                    UpdateItemRequest.builder()
                        .tableName(ddb.table())
                        .key(Ddb.key(pk(id), "K"))
                        .updateExpression(set)
                        .conditionExpression(condition)
                        .expressionAttributeNames(Ddb.names(set, condition))
                        .expressionAttributeValues(
                            Map.of(":next", Ddb.n(next), ":expected", Ddb.n(expected)))
                        .build());
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  @Override
  public boolean remove(CredentialId id) {
    Objects.requireNonNull(id, "id");
    return ddb.run("security_keys.remove", () -> index.remove(id.value()));
  }

  @Override
  public String toString() {
    return "DdbSecurityKeyStore";
  }
}
