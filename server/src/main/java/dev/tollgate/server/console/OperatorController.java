package dev.tollgate.server.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Console operators over JSON (admin token, like all of /v1). */
@RestController
@Tag(name = "Operators", description = "Console users with roles: administrator, billing, read_only")
class OperatorController {
  private final OperatorCommands commands;

  OperatorController(OperatorCommands commands) {
    this.commands = commands;
  }

  record CreateBody(String name, String role) {}

  record PatchBody(String role, Boolean disabled) {}

  record OperatorView(String name, String role, boolean disabled, Instant createdAt, Instant disabledAt) {
    static OperatorView of(Operator o) {
      return new OperatorView(o.name(), o.role().code(), o.disabled(), o.createdAt(), o.disabledAt());
    }
  }

  record CreatedView(String name, String role, String token, Instant createdAt) {}

  record ListView(List<OperatorView> items) {}

  @PostMapping("/v1/operators")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create an operator; the token (tgo_…) is in this answer only")
  CreatedView create(@RequestBody CreateBody body) {
    OperatorCommands.Created created = commands.create(body.name(), body.role());
    Operator o = created.operator();
    return new CreatedView(o.name(), o.role().code(), created.token(), o.createdAt());
  }

  @GetMapping("/v1/operators")
  @Operation(summary = "Every operator by name (at most " + OperatorCommands.OPERATORS_MAX + ")")
  ListView list() {
    return new ListView(commands.list().stream().map(OperatorView::of).toList());
  }

  @GetMapping("/v1/operators/{name}")
  OperatorView get(@PathVariable String name) {
    return OperatorView.of(commands.get(name));
  }

  @PatchMapping("/v1/operators/{name}")
  @Operation(summary = "Change the role, or disable (disabled: true; a disabled operator stays disabled)")
  OperatorView patch(@PathVariable String name, @RequestBody PatchBody body) {
    if (Boolean.FALSE.equals(body.disabled())) {
      throw dev.tollgate.server.http.ApiException.invalidField("disabled", "operator_enable_unsupported",
          "a disabled operator stays disabled; create a new one");
    }
    if (body.role() == null && body.disabled() == null) {
      throw dev.tollgate.server.http.ApiException.missingField("role");
    }
    Operator o = body.role() != null ? commands.changeRole(name, body.role()) : commands.get(name);
    if (Boolean.TRUE.equals(body.disabled())) {
      o = commands.disable(name);
    }
    return OperatorView.of(o);
  }
}
