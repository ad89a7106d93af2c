package dev.rootguard.mfa.totp;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

/**
 * The {@code @ForAll("secrets")} and {@code @ForAll("parameters")} providers that several property
 * classes use; jqwik finds inherited {@code @Provide} methods. Holds no properties itself.
 */
abstract class SecretAndParameterProviders {

  @Provide
  Arbitrary<OtpSecret> secrets() {
    return Generators.secrets();
  }

  @Provide
  Arbitrary<OtpParameters> parameters() {
    return Generators.parameters();
  }
}
