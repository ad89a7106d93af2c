package dev.rootguard.examples.fido;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.fido.Requirement;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * End to end with a real browser: Debian's headless Chromium, driven by Selenium, registers and
 * signs in on the demo page with WebDriver virtual authenticators (CTAP2 and U2F, with and without
 * user verification), and a key whose counter is reset (a clone) is flagged. Skips visibly when
 * Chromium is missing, unless CI=true.
 */
class SecurityKeyBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void browser() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but chromium / chromium-driver are not installed");
    }
    Assumptions.assumeTrue(
        present,
        "chromium or chromedriver not installed (apt-get install chromium chromium-driver)");
    profile = Files.createTempDirectory("rootguard-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void quit() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> s = Files.walk(profile)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(String function, String user) {
    Object r =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "rg."
                    + function
                    + "(arguments[0]).then(done, e => done({ok: false, error: String(e)}));",
                user);
    return (Map<String, Object>) r;
  }

  private static VirtualAuthenticator ctap2(boolean userVerification) {
    return ((HasVirtualAuthenticator) driver)
        .addVirtualAuthenticator(
            new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true)
                .setHasUserVerification(userVerification)
                .setIsUserVerified(userVerification)
                .setIsUserConsenting(true));
  }

  private static VirtualAuthenticator u2f() {
    return ((HasVirtualAuthenticator) driver)
        .addVirtualAuthenticator(
            new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.U2F)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(false)
                .setHasUserVerification(false)
                .setIsUserConsenting(true));
  }

  /** Registers, signs in twice, then plays a clone (counter reset) that must be flagged. */
  private static void registerSignInAndDetectClone(
      Requirement uv, VirtualAuthenticator authenticator, String expectedFormat, boolean expectUv)
      throws IOException {
    try (SecurityKeyDemo demo = SecurityKeyDemo.start(0, uv)) {
      driver.get(demo.url());
      Map<String, Object> reg = call("register", "root@acme-prod");
      assertThat(reg).as("registration %s", reg).containsEntry("ok", true);
      assertThat(reg.get("format")).isEqualTo(expectedFormat);
      assertThat(reg.get("kind")).isEqualTo("SECURITY_KEY");

      Map<String, Object> first = call("login", "root@acme-prod");
      assertThat(first).as("sign-in %s", first).containsEntry("ok", true);
      assertThat(first.get("userVerified")).isEqualTo(expectUv);
      assertThat(first.get("counterRegressed")).isEqualTo(false);
      Map<String, Object> second = call("login", "root@acme-prod");
      assertThat(second).containsEntry("ok", true);
      assertThat((Long) second.get("signatureCount"))
          .isGreaterThan((Long) first.get("signatureCount"));

      // someone else's sign-in with that key is refused
      Map<String, Object> other = call("login", "mallory");
      assertThat(other).containsEntry("ok", false);

      // clone: put the same private key back with its counter at 0
      List<Credential> creds = authenticator.getCredentials();
      assertThat(creds).hasSize(1);
      Credential c = creds.get(0);
      assertThat((long) c.getSignCount()).isEqualTo((Long) second.get("signatureCount"));
      authenticator.removeCredential(c.getId());
      authenticator.addCredential(
          Credential.createNonResidentCredential(c.getId(), "localhost", c.getPrivateKey(), 0));
      Map<String, Object> cloned = call("login", "root@acme-prod");
      assertThat(cloned).as("cloned sign-in %s", cloned).containsEntry("ok", false);
      assertThat(cloned.get("reason")).isEqualTo("POSSIBLE_CLONE");
      assertThat(cloned.get("counterRegressed")).isEqualTo(true);
    } finally {
      ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(authenticator);
    }
  }

  @Test
  void ctap2Key_withUserVerification_registersSignsInAndCloneIsFlagged() throws IOException {
    driver.get("about:blank");
    registerSignInAndDetectClone(Requirement.REQUIRED, ctap2(true), "packed", true);
  }

  @Test
  void ctap2Key_withoutUserVerification_registersSignsInAndCloneIsFlagged() throws IOException {
    registerSignInAndDetectClone(Requirement.DISCOURAGED, ctap2(false), "packed", false);
  }

  @Test
  void u2fKey_registersWithFidoU2fAttestationSignsInAndCloneIsFlagged() throws IOException {
    registerSignInAndDetectClone(Requirement.DISCOURAGED, u2f(), "fido-u2f", false);
  }

  @Test
  void u2fKey_whenUserVerificationRequired_cannotRegister() throws IOException {
    VirtualAuthenticator a = u2f();
    try (SecurityKeyDemo demo = SecurityKeyDemo.start(0, Requirement.REQUIRED)) {
      driver.get(demo.url());
      Map<String, Object> reg = call("register", "root@acme-prod");
      assertThat(reg).containsEntry("ok", false);
      assertThat(String.valueOf(reg.get("error"))).contains("NotAllowedError");
      assertThat(
              demo.verifier()
                  .credentialStore()
                  .findByPrincipal(dev.rootguard.mfa.Principal.of("root@acme-prod")))
          .isEmpty();
    } finally {
      ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(a);
    }
  }
}
