/**
 * Password rules exact to AWS: the root user's rules, the IAM default policy, any custom IAM
 * account password policy, and CIS/recommended presets, with a common-password dictionary, context
 * checks and a strength estimate.
 *
 * @since 0.1.0
 */
package dev.rootguard.password;
