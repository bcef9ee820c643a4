package dev.tollgate.server.console;

import dev.tollgate.core.keys.ApiKeyFormat;
import dev.tollgate.server.http.ApiException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operator writes, each checked first: create (the token is returned once), change role, disable. */
@Service
public class OperatorCommands {
  /** Enough for a team of operators; a list of them fits one page. */
  public static final int OPERATORS_MAX = 100;
  static final String TOKEN_PREFIX = "tgo_";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final OperatorStore store;
  private final InstantSource clock;
  private final SecureRandom random;

  OperatorCommands(OperatorStore store, InstantSource clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** A new operator and its token, which is shown this once and stored only as SHA-256. */
  public record Created(Operator operator, String token) {}

  @Transactional
  public Created create(String name, String roleCode) {
    if (name == null || name.isBlank()) {
      throw ApiException.missingField("name");
    }
    if (!NAME.matcher(name).matches() || name.equals(ConsoleUser.ADMIN)) {
      throw ApiException.invalidField("name", "operator_name_invalid",
          "a name is 1 to 64 lower-case letters, digits, '.', '_' or '-', and not 'admin'");
    }
    Role role = role(roleCode);
    if (store.find(name).isPresent()) {
      throw ApiException.conflict("operator_exists", "an operator named '" + name + "' exists");
    }
    if (store.count() >= OPERATORS_MAX) {
      throw ApiException.invalidField("name", "too_many_operators", "at most " + OPERATORS_MAX + " operators can exist");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + HexFormat.of().formatHex(secret);
    Operator operator = new Operator(name, role, clock.instant(), null);
    if (!store.insertIfAbsent(operator, ApiKeyFormat.sha256(token))) {
      throw ApiException.conflict("operator_exists", "an operator named '" + name + "' exists");
    }
    return new Created(operator, token);
  }

  @Transactional
  public Operator changeRole(String name, String roleCode) {
    Role role = role(roleCode);
    get(name);
    store.setRole(name, role);
    return get(name);
  }

  @Transactional
  public Operator disable(String name) {
    get(name);
    store.disable(name, clock.instant());
    return get(name);
  }

  public Operator get(String name) {
    return store.find(name).orElseThrow(
        () -> ApiException.notFound("operator_not_found", "no operator named '" + name + "'"));
  }

  public List<Operator> list() {
    return store.list(OPERATORS_MAX);
  }

  /** The enabled operator a presented {@code tgo_} token belongs to. */
  Optional<Operator> signIn(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return Optional.empty();
    }
    return store.findEnabledByToken(ApiKeyFormat.sha256(token));
  }

  private static Role role(String code) {
    if (code == null || code.isBlank()) {
      throw ApiException.missingField("role");
    }
    return Role.of(code).orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "role_invalid",
        "role is administrator, billing or read_only", "role"));
  }
}
