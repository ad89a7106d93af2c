package dev.rootguard.mfa.fido.internal;

/** Internal control flow: the submitted response is not well-formed. Never leaves the module. */
public final class Malformed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the signal.
   *
   * @param what which part is malformed (no submitted content)
   */
  public Malformed(String what) {
    super(what, null, false, false);
  }
}
