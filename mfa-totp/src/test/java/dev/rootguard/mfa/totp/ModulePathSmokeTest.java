package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.InvalidInputException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Surefire runs tests on the class path; this one resolves {@code dev.rootguard.mfa.totp} as a
 * named module with its real dependencies, as JPMS users will, and computes a code through it.
 */
class ModulePathSmokeTest {

  private static Path locationOf(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void module_resolvesExportsApiOnly_andComputesRfcVector() throws Exception {
    ModuleFinder finder =
        ModuleFinder.of(
            locationOf(OtpSecret.class),
            locationOf(InvalidInputException.class),
            locationOf(com.google.zxing.Writer.class),
            locationOf(org.slf4j.Logger.class),
            locationOf(com.fasterxml.jackson.databind.ObjectMapper.class),
            locationOf(com.fasterxml.jackson.core.JsonFactory.class),
            locationOf(com.fasterxml.jackson.annotation.JsonCreator.class));
    ModuleLayer parent = ModuleLayer.boot();
    Configuration cf =
        parent.configuration().resolve(finder, ModuleFinder.of(), Set.of("dev.rootguard.mfa.totp"));
    ClassLoader scl = ClassLoader.getPlatformClassLoader();
    ModuleLayer layer = parent.defineModulesWithOneLoader(cf, scl);

    Module totp = layer.findModule("dev.rootguard.mfa.totp").orElseThrow();
    ModuleDescriptor d = totp.getDescriptor();
    // Exported to everyone: the API package only.
    Set<String> exports =
        d.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
    assertThat(exports).containsExactly("dev.rootguard.mfa.totp");
    // The internal OTP engine is exported to mfa-hardware alone (issue 12: one engine for all
    // three verifiers), nothing else is.
    assertThat(d.exports().stream().filter(ModuleDescriptor.Exports::isQualified))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("dev.rootguard.mfa.totp.internal");
              assertThat(e.targets()).containsExactly("dev.rootguard.mfa.hardware");
            });
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
        .contains("dev.rootguard.core", "com.google.zxing");

    ClassLoader loader = layer.findLoader("dev.rootguard.mfa.totp");
    Class<?> secretClass = Class.forName("dev.rootguard.mfa.totp.OtpSecret", true, loader);
    assertThat(secretClass.getModule()).isSameAs(totp);
    Object secret =
        secretClass
            .getMethod("fromBase32", CharSequence.class)
            .invoke(null, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    Class<?> hotp = Class.forName("dev.rootguard.mfa.totp.Hotp", true, loader);
    Class<?> alg = Class.forName("dev.rootguard.mfa.totp.HmacAlgorithm", true, loader);
    Object sha1 =
        Arrays.stream(alg.getEnumConstants())
            .filter(e -> e.toString().equals("SHA1"))
            .findFirst()
            .orElseThrow();
    Object code =
        hotp.getMethod("code", secretClass, alg, int.class, long.class)
            .invoke(null, secret, sha1, 6, 0L);
    assertThat(code).isEqualTo("755224");
  }
}
