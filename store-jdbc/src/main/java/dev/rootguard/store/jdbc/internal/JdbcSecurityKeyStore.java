package dev.rootguard.store.jdbc.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link SecurityKeyStore} over {@code rootguard_security_keys} and {@code rootguard_user_handles}.
 * FIDO credentials hold public keys only, so nothing here is sealed. The signature counter moves by
 * {@code UPDATE ... WHERE signature_count = ?}; a user handle is created by {@code INSERT ... ON
 * CONFLICT DO NOTHING} and read back, so a principal gets exactly one. Database failures throw
 * {@link dev.rootguard.mfa.StoreException} (which {@code MfaAuthenticator} maps to {@code
 * STORE_UNAVAILABLE}). Thread-safe.
 */
public final class JdbcSecurityKeyStore implements SecurityKeyStore {
  private static final String COLUMNS =
      "principal, credential, user_handle, public_key, signature_count, aaguid,"
          + " authenticator_name, attestation_format, attestation_trusted, backup_eligible,"
          + " backed_up, hardware, transports, legacy_u2f, registered_at_ns";
  private static final String ADD =
      "INSERT INTO rootguard_security_keys ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (credential) DO NOTHING";
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM rootguard_security_keys WHERE credential = ?";
  private static final String BY_PRINCIPAL =
      "SELECT "
          + COLUMNS
          + " FROM rootguard_security_keys WHERE principal = ?"
          + " ORDER BY registered_at_ns, credential";
  private static final String HANDLE =
      "SELECT user_handle FROM rootguard_user_handles WHERE principal = ?";
  private static final String NEW_HANDLE =
      "INSERT INTO rootguard_user_handles (principal, user_handle) VALUES (?, ?)"
          + " ON CONFLICT (principal) DO NOTHING";
  private static final String BY_HANDLE =
      "SELECT principal FROM rootguard_user_handles WHERE user_handle = ?";
  private static final String COUNT =
      "UPDATE rootguard_security_keys SET signature_count = ?"
          + " WHERE credential = ? AND signature_count = ?";
  private static final String REMOVE = "DELETE FROM rootguard_security_keys WHERE credential = ?";

  private final Sql sql;

  /**
   * Creates the store.
   *
   * @param sql the runner
   */
  public JdbcSecurityKeyStore(Sql sql) {
    this.sql = Objects.requireNonNull(sql, "sql");
  }

  @Override
  public boolean add(SecurityKeyCredential k) {
    Objects.requireNonNull(k, "credential");
    for (String t : k.transports()) {
      if (t.isEmpty() || t.indexOf(',') >= 0) {
        throw new InvalidInputException("transports", "must be non-empty names without ','");
      }
    }
    long registered = Sql.nanos("registeredAt", k.registeredAt());
    return sql.run(
        "security_keys.add",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, ADD)) {
            ps.setString(1, k.principal().id());
            ps.setString(2, k.id().value());
            ps.setString(3, k.userHandle());
            ps.setString(4, k.publicKey());
            ps.setLong(5, k.signatureCount());
            ps.setObject(6, k.aaguid());
            ps.setString(7, k.authenticatorName());
            ps.setString(8, k.attestationFormat());
            ps.setBoolean(9, k.attestationTrusted());
            ps.setBoolean(10, k.backupEligible());
            ps.setBoolean(11, k.backedUp());
            ps.setBoolean(12, k.hardware());
            ps.setString(13, String.join(",", new TreeSet<>(k.transports())));
            ps.setBoolean(14, k.legacyU2f());
            ps.setLong(15, registered);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<SecurityKeyCredential> find(CredentialId id) {
    Objects.requireNonNull(id, "id");
    return sql.run(
        "security_keys.find",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, FIND)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.<SecurityKeyCredential>empty();
            }
          }
        });
  }

  @Override
  public List<SecurityKeyCredential> findByPrincipal(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return sql.run(
        "security_keys.findByPrincipal",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, BY_PRINCIPAL)) {
            ps.setString(1, principal.id());
            List<SecurityKeyCredential> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
            return List.copyOf(out);
          }
        });
  }

  private static SecurityKeyCredential read(ResultSet rs) throws SQLException {
    String transports = rs.getString(13);
    Set<String> t =
        transports.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(transports.split(",")));
    return new SecurityKeyCredential(
        Principal.of(rs.getString(1)),
        CredentialId.of(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getObject(6, UUID.class),
        rs.getString(7),
        rs.getString(8),
        rs.getBoolean(9),
        rs.getBoolean(10),
        rs.getBoolean(11),
        rs.getBoolean(12),
        t,
        rs.getBoolean(14),
        Sql.instant(rs.getLong(15)));
  }

  @Override
  public String userHandle(Principal principal, Supplier<String> ifAbsent) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(ifAbsent, "ifAbsent");
    return sql.run(
        "security_keys.userHandle",
        c -> {
          Optional<String> have = handle(c, principal);
          if (have.isPresent()) {
            return have.get();
          }
          String fresh = Objects.requireNonNull(ifAbsent.get(), "ifAbsent.get()");
          try (PreparedStatement ps = sql.prepare(c, NEW_HANDLE)) {
            ps.setString(1, principal.id());
            ps.setString(2, fresh);
            ps.executeUpdate();
          }
          // Whoever won the insert, the row now says which handle the principal has.
          return handle(c, principal)
              .orElseThrow(() -> new IllegalStateException("bug: user handle vanished"));
        });
  }

  private Optional<String> handle(Connection c, Principal principal) throws SQLException {
    try (PreparedStatement ps = sql.prepare(c, HANDLE)) {
      ps.setString(1, principal.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<Principal> findPrincipalByUserHandle(String userHandle) {
    Objects.requireNonNull(userHandle, "userHandle");
    return sql.run(
        "security_keys.findPrincipalByUserHandle",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, BY_HANDLE)) {
            ps.setString(1, userHandle);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(Principal.of(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean updateSignatureCount(CredentialId id, long expected, long next) {
    Objects.requireNonNull(id, "id");
    if (next < 0 || next > 0xffffffffL) {
      throw new InvalidInputException("signatureCount", "must be 0..2^32-1, was " + next);
    }
    return sql.run(
        "security_keys.updateSignatureCount",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, COUNT)) {
            ps.setLong(1, next);
            ps.setString(2, id.value());
            ps.setLong(3, expected);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean remove(CredentialId id) {
    Objects.requireNonNull(id, "id");
    return sql.run(
        "security_keys.remove",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, REMOVE)) {
            ps.setString(1, id.value());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcSecurityKeyStore";
  }
}
