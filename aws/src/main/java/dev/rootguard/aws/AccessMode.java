package dev.rootguard.aws;

/**
 * How {@link OrganizationAuditor} reaches each member account.
 *
 * <pre>{@code
 * OrganizationAuditor.builder(organizations, sts).accessMode(AccessMode.ASSUME_ROOT);
 * }</pre>
 *
 * <p>New constants may be added in minor releases; handle {@code default}.
 *
 * @since 0.1.0
 */
public enum AccessMode {
  /**
   * {@code sts:AssumeRole} into a role in each account (default name {@code
   * OrganizationAccountAccessRole}).
   */
  ASSUME_ROLE,
  /**
   * {@code sts:AssumeRoot} with the task policy {@code IAMAuditRootUserCredentials} (centralized
   * root access); reads the root's own MFA devices and keys, but not the credential report or
   * password policy.
   */
  ASSUME_ROOT,
  /**
   * {@link #ASSUME_ROOT} when the organization has {@code RootCredentialsManagement} enabled (read
   * with the management account's IAM client), else {@link #ASSUME_ROLE}. The default.
   */
  AUTO
}
