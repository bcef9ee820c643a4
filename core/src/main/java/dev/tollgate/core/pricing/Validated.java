package dev.tollgate.core.pricing;

/**
 * The result of checking input that comes from outside (an operator, a gateway, an import): either
 * the value, or the {@link Rejection}. Constructors of the same values throw instead, because an
 * invalid value built by our own code is a bug, not a refusal.
 */
public sealed interface Validated<T> permits Validated.Valid, Validated.Invalid {

  static <T> Validated<T> valid(T value) {
    return new Valid<>(value);
  }

  static <T> Validated<T> invalid(Rejection rejection) {
    return new Invalid<>(rejection);
  }

  /** The value, or an {@link IllegalArgumentException} naming the rejection (for tests and bugs). */
  default T orThrow() {
    if (this instanceof Valid<T> valid) {
      return valid.value();
    }
    Rejection rejection = ((Invalid<T>) this).rejection();
    throw new IllegalArgumentException(rejection.code() + ": " + rejection.detail());
  }

  record Valid<T>(T value) implements Validated<T> {}

  record Invalid<T>(Rejection rejection) implements Validated<T> {}
}
