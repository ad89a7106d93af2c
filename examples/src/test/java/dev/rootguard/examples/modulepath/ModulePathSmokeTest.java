package dev.rootguard.examples.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs a tiny application module against RootGuard's modules on the MODULE path (the
 * rest of the suite runs on the class path), so a missing {@code exports} or {@code requires} in a
 * {@code module-info.java} fails the build.
 */
class ModulePathSmokeTest {

  private static final String MODULE_INFO =
      """
      module smoke.app {
        requires dev.rootguard.core;
        requires dev.rootguard.aws;
        requires dev.rootguard.mfa.totp;
        requires dev.rootguard.mfa.hardware;
      }
      """;

  private static final String MAIN =
      """
      package smoke;

      import dev.rootguard.mfa.Factor;
      import dev.rootguard.mfa.MfaPolicy;
      import dev.rootguard.policy.Fact;
      import dev.rootguard.policy.RootAccountState;
      import dev.rootguard.policy.Source;
      import java.time.Instant;

      public final class Main {
        public static void main(String[] args) {
          boolean hw = MfaPolicy.hardwareOnly().allows(Factor.SECURITY_KEY);
          RootAccountState s = RootAccountState.builder("123456789012")
              .mfaEnabled(Fact.known(true, Source.of("test", Instant.EPOCH))).build();
          System.out.println("ok " + hw + " " + s.rootArn()
              + " " + Main.class.getModule().getName()
              + " " + Factor.class.getModule().getName()
              + " " + dev.rootguard.aws.AwsRootCollector.class.getModule().getName()
              + " " + dev.rootguard.mfa.totp.OtpSecret.class.getModule().getName()
              + " " + dev.rootguard.mfa.hardware.HardwareTokenVerifier.class.getModule().getName());
        }
      }
      """;

  /**
   * RootGuard's modules and their runtime dependencies: the runtime class path Maven wrote at
   * {@code generate-test-resources}, with the RootGuard modules taken from this test's class path
   * (jars in a reactor build, classes directories otherwise; test jars and test classes left out).
   *
   * <p>mfa-u2f and java-webauthn-server are left out: Yubico's core and attestation jars both hold
   * package {@code com.yubico.webauthn.attestation}, so as automatic modules they cannot share a
   * module path without {@code --patch-module} (see mfa-u2f's {@code module-info.java}); and
   * because YubiKit (needed by mfa-hardware) is an automatic module too, every automatic module on
   * the path is resolved.
   */
  private static String modulePath() throws IOException {
    Path file = Path.of("target", "runtime-classpath.txt");
    String runtime =
        Arrays.stream(
                Files.readString(file, StandardCharsets.UTF_8).strip().split(File.pathSeparator))
            .filter(e -> !e.matches(".*(webauthn-server-|rootguard-mfa-u2f|rootguard-testkit).*"))
            .collect(Collectors.joining(File.pathSeparator));
    String ours =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                e -> e.matches(".*[/\\\\](core|aws|mfa-totp|mfa-hardware)[/\\\\]target[/\\\\].*"))
            // test code (aws's test-jar) is no module: it would split package dev.rootguard.aws
            .filter(e -> !e.endsWith("-tests.jar") && !e.matches(".*[/\\\\]test-classes[/\\\\]?"))
            .collect(Collectors.joining(File.pathSeparator));
    return ours + File.pathSeparator + runtime;
  }

  @Test
  void applicationModule_compilesAndRunsOnModulePath(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("smoke"));
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(src.resolve("smoke/Main.java"), MAIN);
    Path out = dir.resolve("out");
    String mp = modulePath();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            "-d",
            out.toString(),
            "--module-path",
            mp,
            src.resolve("module-info.java").toString(),
            src.resolve("smoke/Main.java").toString());
    assertThat(rc).as("javac on the module path: %s", diagnostics).isZero();

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "--module-path",
                out + File.pathSeparator + mp,
                "-m",
                "smoke.app/smoke.Main")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output)
        .contains(
            "ok true arn:aws:iam::123456789012:root smoke.app dev.rootguard.core"
                + " dev.rootguard.aws dev.rootguard.mfa.totp dev.rootguard.mfa.hardware");
  }
}
