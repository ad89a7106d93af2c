package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class KeysCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CliRunner.Result r = CliRunner.exec(args);
    out.write(r.out());
    err.write(r.err());
    return r.exit();
  }

  @Test
  void demo_freePort_printsLocalhostUrl() {
    assertThat(run("keys", "demo", "--port", "0", "--exit-after-start")).isZero();
    assertThat(out.toString())
        .containsPattern("RootGuard security-key demo: http://localhost:\\d+/");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void demo_portOutOfRange_exit2NamingPort() {
    assertThat(run("keys", "demo", "--port", "70000", "--exit-after-start"))
        .isEqualTo(RootGuardCli.EXIT_ERROR);
    assertThat(err.toString()).contains("--port").doesNotContain("at dev.rootguard");
  }

  @Test
  void demo_portInUse_exit2WithOneLineError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(
              run(
                  "keys",
                  "demo",
                  "--port",
                  String.valueOf(taken.getLocalPort()),
                  "--exit-after-start"))
          .isEqualTo(RootGuardCli.EXIT_ERROR);
    }
    assertThat(err.toString()).startsWith("rootguard: error: --port").doesNotContain("\tat ");
  }

  @Test
  void demo_badUserVerification_exit2() {
    assertThat(run("keys", "demo", "--user-verification", "SOMETIMES"))
        .isEqualTo(RootGuardCli.EXIT_ERROR);
    assertThat(err.toString()).contains("--user-verification");
  }

  @Test
  void keys_withoutSubcommand_printsUsage() {
    assertThat(run("keys")).isZero();
    assertThat(out.toString()).contains("demo");
  }
}
