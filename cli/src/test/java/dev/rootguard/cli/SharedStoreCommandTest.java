package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.store.jdbc.PostgresServer;
import dev.rootguard.testsupport.DynaliteServer;
import dev.rootguard.testsupport.LocalServer;
import dev.rootguard.testsupport.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on Redis and DynamoDB stores: {@code store init}, the same {@code tokens …} commands as
 * on a file, and {@code store copy} through every backend (file → Redis → DynamoDB → PostgreSQL →
 * file) without loss: owner, disabled flag and the used code survive each hop.
 */
class SharedStoreCommandTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer(false);

  @TempDir Path dir;
  Path sealKey;
  String out;
  String err;
  String redis;
  String dynamo;

  @BeforeAll
  static void awsCredentials() {
    // dynalite accepts any signature; the SDK's default chain reads these system properties.
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "cli-test-secret");
  }

  @AfterAll
  static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @BeforeEach
  void setUp() {
    sealKey = dir.resolve("keys").resolve("seal.key");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // database 9 of the shared server is the CLI tests' own; each test empties it first
    redis = RedisServer.shared().uri() + "/9";
    dynamo =
        "dynamodb://rg-cli-"
            + tag
            + "?region=us-east-1&endpoint="
            + DynaliteServer.shared().endpoint();
  }

  int run(String... args) {
    CliRunner.Result r =
        CliRunner.cli().withClock(Clock.fixed(TokensCommandTest.NOW, ZoneOffset.UTC)).run(args);
    out = r.out();
    err = r.err();
    assertThat(err).doesNotContain("\tat ").doesNotContain("cli-test-secret");
    assertThat(out).doesNotContain("cli-test-secret");
    return r.exit();
  }

  int tokens(String store, String... args) {
    String[] full = new String[args.length + 3];
    full[0] = "tokens";
    full[1] = "--store=" + store;
    full[2] = "--seal-key=" + sealKey;
    System.arraycopy(args, 0, full, 3, args.length);
    return run(full);
  }

  int copy(String from, String to) {
    return run("store", "copy", "--from", from, "--to", to, "--seal-key", sealKey.toString());
  }

  Path pskc() throws Exception {
    return Files.writeString(dir.resolve("plain.pskc"), TokensCommandTest.PLAIN);
  }

  @Test
  void redis_beforeInit_oneLineNamingStoreInit_thenTokensCommandsAcceptACodeOnce()
      throws Exception {
    try (var fresh = new FlushedDb(redis)) {
      assertThat(tokens(redis, "list")).isEqualTo(2);
      assertThat(err.lines().count()).isEqualTo(1);
      assertThat(err).contains("rootguard store init");
      assertThat(run("store", "init", "--store", redis)).isZero();
      assertThat(out).contains("store marker written");
      assertThat(run("store", "init", "--store", redis)).isZero();
      assertThat(out).contains("store marker present");

      assertThat(tokens(redis, "import", pskc().toString(), "--owner", "root")).isZero();
      assertThat(tokens(redis, "verify", "GALT0001", TokensCommandTest.code(0))).isZero();
      assertThat(tokens(redis, "verify", "GALT0001", TokensCommandTest.code(0))).isEqualTo(1);
      assertThat(out).contains("REPLAYED");
    }
  }

  @Test
  void dynamoDb_beforeInit_oneLineNamingStoreInit_thenTokensCommandsAcceptACodeOnce()
      throws Exception {
    assertThat(tokens(dynamo, "list")).isEqualTo(2);
    assertThat(err.lines().count()).isEqualTo(1);
    assertThat(err).contains("rootguard store init");
    assertThat(run("store", "init", "--store", dynamo)).isZero();
    assertThat(out).contains("created");
    assertThat(run("store", "init", "--store", dynamo)).isZero();
    assertThat(out).contains("ready");

    assertThat(tokens(dynamo, "import", pskc().toString(), "--owner", "root")).isZero();
    assertThat(tokens(dynamo, "verify", "GALT0001", TokensCommandTest.code(0))).isZero();
    assertThat(tokens(dynamo, "verify", "GALT0001", TokensCommandTest.code(0))).isEqualTo(1);
    assertThat(out).contains("REPLAYED");
    assertThat(tokens(dynamo, "disable", "GALT0002")).isZero();
    assertThat(tokens(dynamo, "verify", "GALT0002", TokensCommandTest.code(1))).isEqualTo(1);
    assertThat(out).contains("CREDENTIAL_DISABLED");
  }

  @Test
  void copy_throughEveryBackend_withoutLoss() throws Exception {
    try (var fresh = new FlushedDb(redis)) {
      String pg = DatabaseStoreCommandTest.urlOf(PG);
      Path file = dir.resolve("tokens.json");
      Path back = dir.resolve("back.json");
      assertThat(tokens(file.toString(), "import", pskc().toString(), "--owner", "root")).isZero();
      assertThat(tokens(file.toString(), "verify", "GALT0001", TokensCommandTest.code(0))).isZero();
      assertThat(tokens(file.toString(), "disable", "GALT0002")).isZero();
      assertThat(run("store", "init", "--store", redis)).isZero();
      assertThat(run("store", "init", "--store", dynamo)).isZero();
      assertThat(run("store", "init", "--store", pg)).isZero();

      String[] hops = {file.toString(), redis, dynamo, pg, back.toString()};
      for (int i = 0; i + 1 < hops.length; i++) {
        assertThat(copy(hops[i], hops[i + 1])).as(err).isZero();
        assertThat(out).contains("copied 2 token(s) and 0 Yubico key(s)").contains("verified");
      }
      for (String store : hops) {
        // the used code stays used, the disabled token stays disabled, the owner is kept
        assertThat(tokens(store, "list")).isZero();
        assertThat(out).as(store).contains("GALT0001").contains("owner=root");
        assertThat(tokens(store, "verify", "GALT0002", TokensCommandTest.code(1))).isEqualTo(1);
        assertThat(out).as(store).contains("CREDENTIAL_DISABLED");
      }
      assertThat(tokens(back.toString(), "verify", "GALT0001", TokensCommandTest.code(0)))
          .isEqualTo(1);
      assertThat(out).contains("REPLAYED");
      assertThat(tokens(back.toString(), "verify", "GALT0001", TokensCommandTest.code(1))).isZero();

      // a target that already holds the records gets nothing
      assertThat(copy(file.toString(), dynamo)).isEqualTo(2);
      assertThat(err.lines().count()).isEqualTo(1);
    }
  }

  @Test
  void unreachableRedisAndDynamoDb_oneLineErrors() {
    int closed = LocalServer.freePort();
    assertThat(tokens("redis://127.0.0.1:" + closed, "list")).isEqualTo(2);
    assertThat(err.lines().count()).isEqualTo(1);
    assertThat(
            tokens(
                "dynamodb://rg-nowhere?region=us-east-1&endpoint=http://127.0.0.1:" + closed,
                "list"))
        .isEqualTo(2);
    assertThat(err.lines().count()).isEqualTo(1);
  }

  @Test
  void initOnAFile_refusedNamingTheStore() {
    assertThat(run("store", "init", "--store", dir.resolve("t.json").toString())).isEqualTo(2);
    assertThat(err).contains("--store").contains("file stores need none");
  }

  /** Empties one Redis database before and after a test (the shared server outlives the test). */
  private static final class FlushedDb implements AutoCloseable {
    private final String uri;

    FlushedDb(String uri) {
      this.uri = uri;
      flush();
    }

    private void flush() {
      try (var client = io.lettuce.core.RedisClient.create(uri);
          var c = client.connect()) {
        c.sync().flushdb();
      }
    }

    @Override
    public void close() {
      flush();
    }
  }
}
