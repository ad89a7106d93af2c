package dev.rootguard.cli;

import dev.rootguard.password.PasswordPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The password policy presets the command line knows by name ({@code password check --policy} and
 * the demo), in display order.
 *
 * <pre>{@code
 * PasswordPolicy p = PasswordPresets.ALL.get("aws-root").get();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class PasswordPresets {
  /** Name to policy, in display order. */
  static final Map<String, Supplier<PasswordPolicy>> ALL = presets();

  private PasswordPresets() {}

  private static Map<String, Supplier<PasswordPolicy>> presets() {
    Map<String, Supplier<PasswordPolicy>> m = new LinkedHashMap<>();
    m.put("aws-root", PasswordPolicy::awsRootUser);
    m.put("aws-root-strict", PasswordPolicy::awsRootUserStrict);
    m.put("aws-iam-default", PasswordPolicy::awsIamDefault);
    m.put("cis", PasswordPolicy::cisAwsFoundations);
    m.put("recommended", PasswordPolicy::recommended);
    return Collections.unmodifiableMap(m);
  }
}
