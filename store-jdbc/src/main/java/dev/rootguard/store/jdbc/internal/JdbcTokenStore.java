package dev.rootguard.store.jdbc.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenSealing;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.seal.SecretSealer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link TokenStore} and {@link YubicoKeyStore} over {@code rootguard_hw_tokens} and {@code
 * rootguard_yubico_keys}. Seeds are sealed for {@code "token:<serial>"}; a Yubico key's private id
 * and AES key are sealed together for {@code "yubico:<publicId>"}. State changes are {@code UPDATE
 * ... SET ..., version = version + 1 WHERE serial = ? AND version = ?}; {@code addAll} is one
 * transaction of conditional inserts, rolled back on the first serial that is already there.
 * Thread-safe.
 */
public final class JdbcTokenStore implements TokenStore, YubicoKeyStore {
  private static final String ADD_TOKEN =
      "INSERT INTO rootguard_hw_tokens (serial, key_id, manufacturer, issuer, type, algorithm,"
          + " digits, time_step_s, t0_s, counter, time_drift, valid_from_ns, valid_until_ns,"
          + " secret_sealed, owner, disabled, drift_steps, last_sequence, version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, NULL, 0)"
          + " ON CONFLICT (serial) DO NOTHING";
  private static final String TOKEN =
      "SELECT key_id, manufacturer, issuer, type, algorithm, digits, time_step_s, t0_s, counter,"
          + " time_drift, valid_from_ns, valid_until_ns, secret_sealed"
          + " FROM rootguard_hw_tokens WHERE serial = ?";
  private static final String TOKEN_STATE =
      "SELECT owner, disabled, drift_steps, last_sequence, version"
          + " FROM rootguard_hw_tokens WHERE serial = ?";
  private static final String TOKEN_CAS =
      "UPDATE rootguard_hw_tokens SET owner = ?, disabled = ?, drift_steps = ?,"
          + " last_sequence = ?, version = version + 1 WHERE serial = ? AND version = ?";
  private static final String TOKEN_REMOVE = "DELETE FROM rootguard_hw_tokens WHERE serial = ?";
  private static final String SERIALS = "SELECT serial FROM rootguard_hw_tokens ORDER BY serial";

  private static final String ADD_YUBICO =
      "INSERT INTO rootguard_yubico_keys (public_id, secrets_sealed, owner, disabled, drift_steps,"
          + " last_sequence, version) VALUES (?, ?, ?, false, 0, NULL, 0)"
          + " ON CONFLICT (public_id) DO NOTHING";
  private static final String YUBICO =
      "SELECT secrets_sealed FROM rootguard_yubico_keys WHERE public_id = ?";
  private static final String YUBICO_STATE =
      "SELECT owner, disabled, drift_steps, last_sequence, version"
          + " FROM rootguard_yubico_keys WHERE public_id = ?";
  private static final String YUBICO_CAS =
      "UPDATE rootguard_yubico_keys SET owner = ?, disabled = ?, drift_steps = ?,"
          + " last_sequence = ?, version = version + 1 WHERE public_id = ? AND version = ?";
  private static final String YUBICO_REMOVE =
      "DELETE FROM rootguard_yubico_keys WHERE public_id = ?";
  private static final String PUBLIC_IDS =
      "SELECT public_id FROM rootguard_yubico_keys ORDER BY public_id";

  private final Sql sql;
  private final SecretSealer sealer;

  /**
   * Creates the store.
   *
   * @param sql the runner
   * @param sealer seals seeds and keys
   */
  public JdbcTokenStore(Sql sql, SecretSealer sealer) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
  }

  // ---- OATH tokens ----

  @Override
  public void add(HardwareToken token) {
    Objects.requireNonNull(token, "token");
    String sealed = sealSeed(token);
    boolean added =
        sql.run(
            "tokens.add",
            c -> {
              try (PreparedStatement ps = sql.prepare(c, ADD_TOKEN)) {
                bindToken(ps, token, sealed, null);
                return ps.executeUpdate() == 1;
              }
            });
    if (!added) {
      throw new InvalidInputException("serial", token.serial() + " is already registered");
    }
  }

  @Override
  public void addAll(Collection<HardwareToken> tokens) {
    insertAll(tokens, null);
  }

  /** Adds and assigns in the same statements: one transaction, all or nothing. */
  @Override
  public void addAll(Collection<HardwareToken> tokens, Principal owner) {
    insertAll(tokens, Objects.requireNonNull(owner, "owner"));
  }

  private void insertAll(Collection<HardwareToken> tokens, Principal owner) {
    List<HardwareToken> batch = new ArrayList<>(TokenStore.checkedBatch(tokens).values());
    if (batch.isEmpty()) {
      return;
    }
    // Seal everything before touching the database: a sealing failure writes nothing.
    List<String> sealed = new ArrayList<>(batch.size());
    for (HardwareToken t : batch) {
      sealed.add(sealSeed(t));
    }
    String duplicate =
        sql.inTransaction(
            "tokens.addAll",
            c -> {
              try (PreparedStatement ps = sql.prepare(c, ADD_TOKEN)) {
                for (int i = 0; i < batch.size(); i++) {
                  bindToken(ps, batch.get(i), sealed.get(i), owner);
                  ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                  if (counts[i] == 0) {
                    c.rollback();
                    return batch.get(i).serial();
                  }
                }
              }
              return null;
            });
    if (duplicate != null) {
      throw new InvalidInputException(
          "serial", duplicate + " is already registered; nothing was added");
    }
  }

  private String sealSeed(HardwareToken t) {
    return TokenSealing.sealSeed(t, sealer);
  }

  private static void bindToken(
      PreparedStatement ps, HardwareToken t, String sealed, Principal owner) throws SQLException {
    ps.setString(1, t.serial());
    ps.setString(2, t.keyId());
    setNullable(ps, 3, t.manufacturer().orElse(null));
    setNullable(ps, 4, t.issuer().orElse(null));
    ps.setString(5, t.type().name());
    ps.setString(6, t.algorithm().name());
    ps.setInt(7, t.digits());
    ps.setLong(8, t.timeStep().getSeconds());
    ps.setLong(9, t.t0().getEpochSecond());
    ps.setLong(10, t.counter());
    ps.setInt(11, t.timeDrift());
    setNullableNanos(ps, 12, "validFrom", t.validFrom());
    setNullableNanos(ps, 13, "validUntil", t.validUntil());
    ps.setString(14, sealed);
    setNullable(ps, 15, owner == null ? null : owner.id());
    ps.setLong(16, t.timeDrift());
  }

  private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  private static void setNullableNanos(
      PreparedStatement ps, int i, String field, Optional<Instant> v) throws SQLException {
    if (v.isEmpty()) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, Sql.nanos(field, v.get()));
    }
  }

  @Override
  public Optional<HardwareToken> token(String serial) {
    Objects.requireNonNull(serial, "serial");
    return sql.run(
        "tokens.token",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, TOKEN)) {
            ps.setString(1, serial);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<HardwareToken>empty();
              }
              byte[] seed = TokenSealing.openSeed(serial, rs.getString(13), sealer);
              try {
                HardwareToken.Builder b =
                    HardwareToken.builder(serial, OathType.valueOf(rs.getString(4)), seed)
                        .keyId(rs.getString(1))
                        .algorithm(rs.getString(5))
                        .digits(rs.getInt(6))
                        .timeStep(Duration.ofSeconds(rs.getLong(7)))
                        .t0(Instant.ofEpochSecond(rs.getLong(8)))
                        .counter(rs.getLong(9))
                        .timeDrift(rs.getInt(10));
                String manufacturer = rs.getString(2);
                if (manufacturer != null) {
                  b.manufacturer(manufacturer);
                }
                String issuer = rs.getString(3);
                if (issuer != null) {
                  b.issuer(issuer);
                }
                long from = rs.getLong(11);
                if (!rs.wasNull()) {
                  b.validFrom(Sql.instant(from));
                }
                long until = rs.getLong(12);
                if (!rs.wasNull()) {
                  b.validUntil(Sql.instant(until));
                }
                return Optional.of(b.build());
              } finally {
                Arrays.fill(seed, (byte) 0);
              }
            }
          }
        });
  }

  @Override
  public Optional<TokenState> state(String serial) {
    Objects.requireNonNull(serial, "serial");
    return readState("tokens.state", TOKEN_STATE, serial);
  }

  @Override
  public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
    Objects.requireNonNull(serial, "serial");
    return cas("tokens.compareAndSet", TOKEN_CAS, serial, expected, updated);
  }

  @Override
  public boolean remove(String serial) {
    Objects.requireNonNull(serial, "serial");
    return delete("tokens.remove", TOKEN_REMOVE, serial);
  }

  @Override
  public List<String> serials() {
    return ids("tokens.serials", SERIALS);
  }

  // ---- Yubico keys ----

  @Override
  public void addYubicoKey(YubicoKey key) {
    insertYubicoKey(key, null);
  }

  /** Adds and assigns in one statement. */
  @Override
  public void addYubicoKey(YubicoKey key, Principal owner) {
    insertYubicoKey(key, Objects.requireNonNull(owner, "owner"));
  }

  private void insertYubicoKey(YubicoKey key, Principal owner) {
    Objects.requireNonNull(key, "key");
    String sealed = TokenSealing.sealYubicoKey(key, sealer);
    boolean added =
        sql.run(
            "yubico_keys.add",
            c -> {
              try (PreparedStatement ps = sql.prepare(c, ADD_YUBICO)) {
                ps.setString(1, key.publicId());
                ps.setString(2, sealed);
                setNullable(ps, 3, owner == null ? null : owner.id());
                return ps.executeUpdate() == 1;
              }
            });
    if (!added) {
      throw new InvalidInputException("publicId", key.publicId() + " is already registered");
    }
  }

  @Override
  public Optional<YubicoKey> yubicoKey(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return sql.run(
        "yubico_keys.yubicoKey",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, YUBICO)) {
            ps.setString(1, publicId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<YubicoKey>empty();
              }
              return Optional.of(TokenSealing.openYubicoKey(publicId, rs.getString(1), sealer));
            }
          }
        });
  }

  @Override
  public Optional<TokenState> yubicoKeyState(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return readState("yubico_keys.state", YUBICO_STATE, publicId);
  }

  @Override
  public boolean compareAndSetYubicoKey(String publicId, TokenState expected, TokenState updated) {
    Objects.requireNonNull(publicId, "publicId");
    return cas("yubico_keys.compareAndSet", YUBICO_CAS, publicId, expected, updated);
  }

  @Override
  public boolean removeYubicoKey(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return delete("yubico_keys.remove", YUBICO_REMOVE, publicId);
  }

  @Override
  public List<String> yubicoPublicIds() {
    return ids("yubico_keys.publicIds", PUBLIC_IDS);
  }

  // ---- shared ----

  private Optional<TokenState> readState(String operation, String query, String id) {
    return sql.run(
        operation,
        c -> {
          try (PreparedStatement ps = sql.prepare(c, query)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<TokenState>empty();
              }
              String owner = rs.getString(1);
              boolean disabled = rs.getBoolean(2);
              long drift = rs.getLong(3);
              long last = rs.getLong(4);
              OptionalLong lastSequence =
                  rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(last);
              return Optional.of(
                  TokenState.of(
                      Optional.ofNullable(owner).map(Principal::of),
                      disabled,
                      drift,
                      lastSequence,
                      rs.getLong(5)));
            }
          }
        });
  }

  private boolean cas(
      String operation, String statement, String id, TokenState expected, TokenState updated) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(updated, "updated");
    return sql.run(
        operation,
        c -> {
          try (PreparedStatement ps = sql.prepare(c, statement)) {
            setNullable(ps, 1, updated.owner().map(Principal::id).orElse(null));
            ps.setBoolean(2, updated.disabled());
            ps.setLong(3, updated.driftSteps());
            if (updated.lastSequence().isPresent()) {
              ps.setLong(4, updated.lastSequence().getAsLong());
            } else {
              ps.setNull(4, Types.BIGINT);
            }
            ps.setString(5, id);
            ps.setLong(6, expected.version());
            return ps.executeUpdate() == 1;
          }
        });
  }

  private boolean delete(String operation, String statement, String id) {
    return sql.run(
        operation,
        c -> {
          try (PreparedStatement ps = sql.prepare(c, statement)) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
          }
        });
  }

  private List<String> ids(String operation, String query) {
    return sql.run(
        operation,
        (Connection c) -> {
          try (PreparedStatement ps = sql.prepare(c, query);
              ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
              out.add(rs.getString(1));
            }
            return List.copyOf(out);
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcTokenStore";
  }
}
