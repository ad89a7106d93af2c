package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testkit.store.CeremonyStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract races are sharp enough over a real PostgreSQL: a ceremony store that takes with a
 * read and then an unconditional write (two statements, the classic lost-update shape) fails the
 * kit's race at the same rounds and thread count that {@code JdbcCeremonyStore} passes. Without
 * this, a race that never really overlapped at loopback latency would pass every store.
 */
class JdbcContractSensitivityTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  /** Puts and purges through the real store; takes by SELECT, then UPDATE without a condition. */
  private static final class ReadThenWriteCeremonyStore implements CeremonyStore {
    private final DataSource ds;
    private final CeremonyStore real;

    ReadThenWriteCeremonyStore(DataSource ds, CeremonyStore real) {
      this.ds = ds;
      this.real = real;
    }

    @Override
    public boolean put(String id, Ceremony ceremony) {
      return real.put(id, ceremony);
    }

    @Override
    public Taken take(String id, String kind, Instant now) {
      try (Connection c = ds.getConnection()) {
        Ceremony found;
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT principal, expires_at_ns, payload, used FROM rootguard_ceremonies"
                    + " WHERE id = ? AND kind = ?")) {
          ps.setString(1, id);
          ps.setString(2, kind);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Taken.notTaken(Status.UNKNOWN);
            }
            if (rs.getBoolean(4)) {
              return Taken.notTaken(Status.USED);
            }
            Instant expires = Instant.EPOCH.plusNanos(rs.getLong(2));
            if (!now.isBefore(expires)) {
              return Taken.notTaken(Status.EXPIRED);
            }
            found = new Ceremony(kind, Principal.of(rs.getString(1)), expires, rs.getString(3));
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE rootguard_ceremonies SET used = true WHERE id = ?")) {
          ps.setString(1, id);
          ps.executeUpdate();
        }
        return Taken.taken(found);
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public int purgeExpired(Instant now) {
      return real.purgeExpired(now);
    }
  }

  @Test
  void takeRace_readThenWriteStoreOnPostgres_contractFails() {
    CeremonyStoreContract contract =
        new CeremonyStoreContract() {
          @Override
          protected CeremonyStore newStore() {
            return new ReadThenWriteCeremonyStore(
                PG.dataSource(), ContractStores.open(PG).ceremonies());
          }

          @Override
          protected int rounds() {
            return ContractStores.ROUNDS;
          }
        };

    assertThatThrownBy(contract::take_racingThreads_exactlyOneTakenRestUsed)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("rounds without exactly one TAKEN");
  }
}
