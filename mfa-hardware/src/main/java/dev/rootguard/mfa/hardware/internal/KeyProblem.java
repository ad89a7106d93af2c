package dev.rootguard.mfa.hardware.internal;

/**
 * A problem with one element of one PSKC key: the key is skipped and reported as a {@code
 * PskcError}, the rest of the file is still read. Not API. Immutable.
 */
public final class KeyProblem extends Exception {
  private static final long serialVersionUID = 1L;

  /** The path of the element at fault, e.g. {@code KeyPackage[1]/Key/Data/Secret}. */
  public final String element;

  /**
   * @param element the path of the element at fault
   * @param reason why it is refused (never a secret)
   */
  public KeyProblem(String element, String reason) {
    super(reason, null, false, false);
    this.element = element;
  }
}
