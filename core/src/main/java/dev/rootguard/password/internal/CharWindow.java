package dev.rootguard.password.internal;

/**
 * A reusable window onto a char array, for dictionary probes without copying: {@link #range} moves
 * it. Only {@link #toString()} and {@link #subSequence} allocate. Not thread-safe; each user keeps
 * its own.
 */
final class CharWindow implements CharSequence {
  private final char[] chars;
  private int from;
  private int to;

  CharWindow(char[] chars) {
    this.chars = chars;
  }

  CharWindow range(int from, int to) {
    this.from = from;
    this.to = to;
    return this;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= to - from) {
      throw new IndexOutOfBoundsException(index);
    }
    return chars[from + index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > to - from || start > end) {
      throw new IndexOutOfBoundsException(start);
    }
    return new CharWindow(chars).range(from + start, from + end);
  }

  @Override
  public String toString() {
    return new String(chars, from, to - from);
  }
}
