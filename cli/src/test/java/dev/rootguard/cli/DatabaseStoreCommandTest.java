package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.store.jdbc.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a PostgreSQL store: {@code store init}, the same {@code tokens …} commands as on a
 * file, and {@code store copy} from a file to the database without loss.
 */
class DatabaseStoreCommandTest {
  /** A fresh database without the RootGuard schema: {@code store init} must create it. */
  @RegisterExtension static final PostgresServer PG = new PostgresServer(false);

  @TempDir Path dir;
  Path sealKey;
  String out;
  String err;

  @BeforeEach
  void setUp() throws Exception {
    // Every test starts from a database without the RootGuard schema.
    try (Connection c = PG.connect();
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
    sealKey = dir.resolve("keys").resolve("seal.key");
  }

  /** The URL with credentials as query parameters (an in-process test cannot set the env). */
  static String url() {
    return urlOf(PG);
  }

  /** A server's URL with credentials as query parameters. */
  static String urlOf(PostgresServer pg) {
    return pg.url()
        + (pg.url().contains("?") ? "&" : "?")
        + "user="
        + pg.user()
        + "&password="
        + pg.password();
  }

  int run(String... args) {
    CliRunner.Result r =
        CliRunner.cli().withClock(Clock.fixed(TokensCommandTest.NOW, ZoneOffset.UTC)).run(args);
    int code = r.exit();
    out = r.out();
    err = r.err();
    assertThat(err).doesNotContain("\tat ").doesNotContain(PG.password());
    assertThat(out).doesNotContain(PG.password());
    return code;
  }

  int tokens(String store, String... args) {
    String[] full = new String[args.length + 3];
    full[0] = "tokens";
    full[1] = "--store=" + store;
    full[2] = "--seal-key=" + sealKey;
    System.arraycopy(args, 0, full, 3, args.length);
    return run(full);
  }

  Path pskc() throws Exception {
    return Files.writeString(dir.resolve("plain.pskc"), TokensCommandTest.PLAIN);
  }

  @Test
  void tokensBeforeInit_oneLineNamingStoreInit_thenInitIsIdempotent() throws Exception {
    assertThat(tokens(url(), "list")).isEqualTo(2);
    assertThat(err.lines().count()).isEqualTo(1);
    assertThat(err).contains("rootguard store init");

    assertThat(run("store", "init", "--store", url())).isZero();
    assertThat(out).contains("schema version 1");
    assertThat(run("store", "init", "--store", url())).isZero();
    assertThat(tokens(url(), "list")).isZero();
  }

  @Test
  void sameTokensCommands_onDatabase_codeAcceptedOnce() throws Exception {
    assertThat(run("store", "init", "--store", url())).isZero();
    assertThat(tokens(url(), "import", pskc().toString(), "--owner", "root")).isZero();
    assertThat(tokens(url(), "list")).isZero();
    assertThat(out).contains("GALT0001").contains("owner=root");
    assertThat(tokens(url(), "verify", "GALT0001", TokensCommandTest.code(0))).isZero();
    assertThat(tokens(url(), "verify", "GALT0001", TokensCommandTest.code(0))).isEqualTo(1);
    assertThat(out).contains("REPLAYED");
    assertThat(tokens(url(), "disable", "GALT0001")).isZero();
    assertThat(tokens(url(), "verify", "GALT0001", TokensCommandTest.code(1))).isEqualTo(1);
    assertThat(out).contains("CREDENTIAL_DISABLED");
  }

  @Test
  void copy_fileToDatabase_everyTokenAndStateWithoutLoss() throws Exception {
    Path file = dir.resolve("tokens.json");
    assertThat(tokens(file.toString(), "import", pskc().toString(), "--owner", "root")).isZero();
    assertThat(tokens(file.toString(), "verify", "GALT0001", TokensCommandTest.code(0))).isZero();
    assertThat(tokens(file.toString(), "disable", "GALT0002")).isZero();
    assertThat(run("store", "init", "--store", url())).isZero();

    assertThat(
            run(
                "store",
                "copy",
                "--from",
                file.toString(),
                "--to",
                url(),
                "--seal-key",
                sealKey.toString()))
        .isZero();
    assertThat(out).contains("copied 2 token(s) and 0 Yubico key(s)").contains("verified");

    // The used code stays used, the disabled token stays disabled, the owner is kept.
    assertThat(tokens(url(), "verify", "GALT0001", TokensCommandTest.code(0))).isEqualTo(1);
    assertThat(out).contains("REPLAYED");
    assertThat(tokens(url(), "list")).isZero();
    assertThat(out).contains("owner=root");
    assertThat(tokens(url(), "verify", "GALT0002", TokensCommandTest.code(1))).isEqualTo(1);
    assertThat(out).doesNotContain("ACCEPTED");

    // Copying again finds the records there and writes nothing.
    assertThat(
            run(
                "store",
                "copy",
                "--from",
                file.toString(),
                "--to",
                url(),
                "--seal-key",
                sealKey.toString()))
        .isEqualTo(2);
    assertThat(err.lines().count()).isEqualTo(1);
    assertThat(rows("rootguard_hw_tokens")).isEqualTo(2);
  }

  @Test
  void urlWithCredentialsBeforeHost_refusedWithoutEcho() {
    assertThat(tokens("jdbc:postgresql://u:secretpw@127.0.0.1:1/db", "list")).isEqualTo(2);
    assertThat(err).doesNotContain("secretpw").contains("ROOTGUARD_DB_USER");
  }

  @Test
  void unreachableDatabase_oneLineError() {
    assertThat(tokens("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2", "list"))
        .isEqualTo(2);
    assertThat(err.lines().count()).isEqualTo(1);
    assertThat(err).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere");
  }

  static int rows(String table) throws Exception {
    try (Connection c = PG.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
