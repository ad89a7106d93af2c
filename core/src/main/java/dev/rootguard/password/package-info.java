/**
 * Password rules exact to AWS: the root user's rules, the IAM default policy, any custom IAM
 * account password policy, and CIS/recommended presets, with a common-password dictionary, context
 * checks and a strength estimate.
 *
 * <p>Entry points: {@link dev.rootguard.password.PasswordPolicy} (presets, {@code fromIam}, {@code
 * fromIamJson}, builder), {@link dev.rootguard.password.PasswordValidator} (checks), {@link
 * dev.rootguard.password.PasswordContext} (account name, e-mail, user name, account id, history),
 * {@link dev.rootguard.password.PasswordCheck} (violations, warnings, strength), {@link
 * dev.rootguard.password.PasswordDictionary} (common passwords), {@link
 * dev.rootguard.password.PasswordHistory} with {@link dev.rootguard.password.PasswordHasher} (reuse
 * prevention over salted hashes).
 *
 * <pre>{@code
 * PasswordCheck check = PasswordValidator.of(PasswordPolicy.awsRootUser())
 *     .check(password, PasswordContext.builder()
 *         .accountName("acme-prod").email("root@acme.example").build());
 * for (PasswordFinding v : check.violations()) {
 *   System.out.println(v.message(Locale.JAPANESE));
 * }
 * }</pre>
 *
 * <p>What this package does not do: set, store or transmit passwords; talk to AWS (read the IAM
 * policy with {@code aws iam get-account-password-policy} or the {@code aws} module and pass it
 * in); decide password expiry (it keeps the IAM expiry fields for reference only).
 *
 * @since 0.1.0
 */
package dev.rootguard.password;
